from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Casebook"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from partners.models import InformationSharingAgreement

        post_save.connect(
            _agreement_saved,
            sender=InformationSharingAgreement,
            dispatch_uid="casework.shares_follow_agreement_dates",
        )


def _agreement_saved(sender, instance, **kwargs) -> None:
    """An agreement's end date moved (in the admin, say): its shares lapse with it."""
    from .services import shares_agreement_dates_changed

    shares_agreement_dates_changed(instance)
