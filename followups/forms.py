from django import forms

from casework.govuk_forms import GovukFormMixin


class ContactRequestForm(GovukFormMixin, forms.Form):
    message = forms.CharField(
        label="Anything you want us to know before we call (optional)",
        help_text="Do not include anything urgent. If you are in danger, call 999.",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
