"""The editor for the county office at /admin/: Decap CMS, configured from the schemas at build.

``config`` turns the Table Schemas and vocabularies into Decap's configuration (every field, its
widget, required flag, pattern, lengths, German label and hint, the vocabularies' values with their
German labels); ``settings`` reads the WEGWEISER_CMS settings (backend, OAuth application);
``admin_files`` writes /admin/: the page, the configuration, Decap's bundle (shipped with the package
in ``vendor/``, the file npm installs for the version pinned in package.json) and
``static/wegweiser-cms.js``, which reads and writes the files in the layout of ``wegweiser new``.
"""
