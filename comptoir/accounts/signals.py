from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import UserProfile
from .roles import Role


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def create_profile(sender, instance, created, **kwargs):  # type: ignore[no-untyped-def]
    """Every user gets a profile; superusers are administrators."""
    if created:
        role = Role.ADMINISTRATOR if instance.is_superuser else Role.ASSISTANT
        UserProfile.objects.get_or_create(user=instance, defaults={"role": role})
