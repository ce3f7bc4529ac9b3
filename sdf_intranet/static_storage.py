"""The static files of production (settings.STORAGES with DEBUG off): WhiteNoise's hashed,
compressed files, each URL worked out once per process.

An admin change page names 50 static files (its scripts, styles and icons), and working out a
hashed URL (the manifest's name, then a join with STATIC_URL) took about as long as drawing a
widget. The manifest is read when the storage is made and does not change under a running
process (a deploy restarts it), so a URL once worked out stays right.
"""
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.known_urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self.known_urls[name]
        except KeyError:
            url = self.known_urls[name] = super().url(name)
            return url
