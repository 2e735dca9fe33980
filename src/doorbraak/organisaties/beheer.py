"""The Django admin as the functioneel beheerder's tool: open to role 'beheer', scoped to the
beheerder's own gemeente (a platform superuser sees all gemeenten)."""

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login


class DoorbraakAdminSite(admin.AdminSite):
    site_header = "Doorbraak — beheer"
    site_title = "Doorbraak beheer"
    index_title = "Functioneel beheer"

    def has_permission(self, request) -> bool:
        gebruiker = request.user
        return gebruiker.is_active and (
            gebruiker.is_superuser or getattr(gebruiker, "heeft_rol", lambda *_: False)("beheer")
        )

    def login(self, request, extra_context=None):
        # One login page for everyone (with the django-axes lockout), not the admin's own.
        return redirect_to_login(request.get_full_path())


class GemeenteBeheerMixin:
    """Model admin for objects that carry a gemeente: the beheerder sees only their own."""

    def _mag(self, request) -> bool:
        return request.user.is_superuser or request.user.heeft_rol("beheer")

    def has_module_permission(self, request):
        return self._mag(request)

    def has_view_permission(self, request, obj=None):
        return self._mag(request)

    def has_add_permission(self, request, *args):
        return self._mag(request)

    def has_change_permission(self, request, obj=None):
        return self._mag(request)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(gemeente_id=request.user.gemeente_id)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser:
            model = db_field.related_model
            if model._meta.model_name == "gemeente":
                kwargs["queryset"] = model.objects.filter(pk=request.user.gemeente_id)
            elif any(f.name == "gemeente" for f in model._meta.fields):
                kwargs["queryset"] = model.objects.filter(gemeente_id=request.user.gemeente_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
