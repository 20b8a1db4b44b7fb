"""GOV.UK Design System classes for Django form widgets, shared by every app's forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.SelectMultiple: "govuk-select",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.FileInput: "govuk-file-upload",
    forms.ClearableFileInput: "govuk-file-upload",
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",
}


class GovukFormMixin:
    """Adds Design System classes and error/hint ARIA links to every widget."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = WIDGET_CLASSES.get(type(widget), "govuk-input")
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            described_by = []
            if field.help_text:
                described_by.append(f"id_{name}-hint")
            if self.is_bound and name in self.errors:
                described_by.append(f"id_{name}-error")
                widget.attrs["class"] += f" {css}--error"
            if described_by:
                widget.attrs["aria-describedby"] = " ".join(described_by)


class SignInForm(GovukFormMixin, AuthenticationForm):
    pass


class ChangePasswordForm(GovukFormMixin, PasswordChangeForm):
    pass
