from django.apps import AppConfig


class ExampleCaseTypeConfig(AppConfig):
    name = "tests.example_case_type"
    label = "example_case_type"
