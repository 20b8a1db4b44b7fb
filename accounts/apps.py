from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and sign-in security"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .services import session_record_sign_in

        # Bookkeeping only: remember the session so its owner can see and end it.
        user_logged_in.connect(session_record_sign_in, dispatch_uid="accounts.session_record")
