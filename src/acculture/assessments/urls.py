from django.urls import path

from acculture.assessments import campaign_views, views

app_name = "assessments"

urlpatterns = [
    path("", views.index, name="index"),
    path("start/", views.start, name="start"),
    path("progress/", views.progress, name="progress"),
    path("<int:pk>/", views.question, name="question"),
    path("<int:pk>/answers/<int:position>/", views.feedback, name="feedback"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/review/", views.review, name="review"),
    # Campaigns (campaign_views.py): HR and the CDO run them, managers follow their units.
    path("campaigns/", campaign_views.campaign_list, name="campaign-list"),
    path("campaigns/new/", campaign_views.campaign_create, name="campaign-create"),
    path("campaigns/<int:pk>/", campaign_views.campaign_detail, name="campaign-detail"),
    path("campaigns/<int:pk>/details/", campaign_views.campaign_edit, name="campaign-edit"),
    path("campaigns/<int:pk>/competences/", campaign_views.campaign_competences, name="campaign-competences"),
    path("campaigns/<int:pk>/audience/", campaign_views.campaign_audience, name="campaign-audience"),
    path("campaigns/<int:pk>/launch/", campaign_views.campaign_launch, name="campaign-launch"),
    path(
        "campaigns/<int:pk>/newcomers/", campaign_views.campaign_invite_newcomers, name="campaign-newcomers"
    ),
    path("campaigns/<int:pk>/reminders/", campaign_views.campaign_remind, name="campaign-remind"),
    path("campaigns/<int:pk>/completion/", campaign_views.campaign_completion, name="campaign-completion"),
    path(
        "campaigns/<int:pk>/completion.csv",
        campaign_views.campaign_completion_csv,
        name="campaign-completion-csv",
    ),
    path("campaigns/team/", campaign_views.team_campaigns, name="campaign-team"),
    path("campaigns/<int:pk>/team/", campaign_views.team_completion, name="campaign-team-completion"),
]
