from django.contrib.admin.apps import AdminConfig


class DoorbraakAdminConfig(AdminConfig):
    """The admin with Doorbraak's site: open to the role 'beheer', scoped per gemeente."""

    default_site = "doorbraak.organisaties.beheer.DoorbraakAdminSite"
