from django import forms

from common.govuk_forms import GovukFormMixin


class CodeForm(GovukFormMixin, forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=16,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes.",
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        return self.cleaned_data["code"].replace(" ", "").strip()
