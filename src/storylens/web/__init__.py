"""The storylens web app: story pages, article pages, search, adding articles and a JSON API (FastAPI).

`create_app(Settings(...))` builds the app; `storylens serve` runs it under uvicorn.
"""
