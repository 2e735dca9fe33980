# Regelchecks hold case data: they are read through the API and the dossier, not the admin.
