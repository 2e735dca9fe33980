from django.urls import path

from doorbraak.precedenten import views

urlpatterns = [
    path("precedenten", views.precedenten, name="precedenten"),
    path("precedenten/csv", views.precedenten_csv, name="precedenten-csv"),
    path("precedenten/regio", views.regio, name="precedenten-regio"),
    path("precedenten/<uuid:precedent_id>", views.precedent, name="precedent"),
]
