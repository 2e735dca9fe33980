from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "doorbraak.budget"
    verbose_name = "Doorbraakbudget (fondsen, aanvragen, grootboek)"
