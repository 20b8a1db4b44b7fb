"""GOV.UK Design System classes for Django form widgets, shared by every app's forms."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.forms.utils import flatatt
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe


class QuickSelect(forms.Select):
    """A select whose options are written in Python rather than one template each.

    Django renders every option through a template; for a list of a hundred staff
    on every case list page that costs more than the page's database work.
    """

    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, (list, tuple)) for _value, label in self.choices):
            return super().render(name, value, attrs, renderer)  # option groups
        chosen = {str(v) for v in self.format_value(value)}
        # Options joined directly: they are the bulk of the page's HTML, and building a
        # context per option (as Django does) costs more than the page's queries.
        options = "".join(
            _OPTION.format(
                escape(key),
                " selected" if key in chosen else "",
                escape(label),
            )
            for key, label in (
                ("" if option is None else str(option), label) for option, label in self.choices
            )
        )
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            flatatt(self.build_attrs(self.attrs, attrs)),
            mark_safe(options),  # noqa: S308 (each part escaped above)
        )


_OPTION = '<option value="{}"{}>{}</option>'


WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    QuickSelect: "govuk-select",
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
