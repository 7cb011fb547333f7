from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from .models import UserProfile
from .roles import Action, Record, allowed


class ProfileInline(admin.StackedInline[UserProfile, User]):
    model = UserProfile
    can_delete = False


class ComptoirUserAdmin(UserAdmin[User]):
    """Users and their roles: administrators only (the role matrix), whatever Django's own
    staff permissions say."""

    inlines = [ProfileInline]

    def _administers(self, request: HttpRequest) -> bool:
        return allowed(request.user, Action.ADMINISTER, Record.USER)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._administers(request) and super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return self._administers(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self._administers(request) and super().has_add_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return self._administers(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: User | None = None) -> bool:
        return self._administers(request) and super().has_delete_permission(request, obj)


admin.site.unregister(User)
admin.site.register(User, ComptoirUserAdmin)
