from django.urls import path

from . import views, views_referrals, views_shares, views_vulnerability

app_name = "casework"

case = "cases/<str:reference>/"

urlpatterns = [
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path(case, views.case_detail, name="case_detail"),
    path(case + "edit/", views.case_edit, name="case_edit"),
    path(case + "status/", views.case_status, name="case_status"),
    path(case + "reassign/", views.case_reassign, name="case_reassign"),
    path(case + "entries/new/", views.entry_add, name="entry_add"),
    path(case + "entries/<int:pk>/amend/", views.entry_amend, name="entry_amend"),
    path(case + "actions/new/", views.action_add, name="action_add"),
    path(case + "actions/<int:pk>/complete/", views.action_complete, name="action_complete"),
    path(case + "people/new/", views.person_add, name="person_add"),
    path(case + "shares/new/", views.share_add, name="share_add"),
    path(case + "shares/<int:pk>/revoke/", views.share_revoke, name="share_revoke"),
    path(case + "shares/<int:pk>/renew/", views_shares.share_renew, name="share_renew"),
    path("shares/lapsing/", views_shares.shares_lapsing, name="shares_lapsing"),
    path(case + "referrals/new/", views_referrals.referral_propose, name="referral_propose"),
    path(
        case + "referrals/<int:pk>/answer/",
        views_referrals.referral_answer,
        name="referral_answer",
    ),
    path(
        case + "referrals/<int:pk>/withdraw/",
        views_referrals.referral_withdraw,
        name="referral_withdraw",
    ),
    path("referrals/", views_referrals.referrals, name="referrals"),
    path(case + "access/", views.case_access, name="case_access"),
    path(case + "access/<int:user_id>/revoke/", views.access_revoke, name="access_revoke"),
    path(case + "people/<int:pk>/remove/", views.person_remove, name="person_remove"),
    path(case + "missing/grade/", views.missing_person_regrade, name="mp_regrade"),
    path(case + "missing/information/", views.missing_person_information, name="mp_information"),
    path(case + "missing/returned/", views.missing_person_returned, name="mp_returned"),
    path(case + "missing/interview/", views.return_interview, name="mp_interview"),
    path(case + "asb/assess/", views.asb_assess, name="asb_assess"),
    path(case + "family/needs/", views.family_needs, name="family_needs"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path(
        "people/<int:pk>/vulnerabilities/new/",
        views_vulnerability.flag_add,
        name="vulnerability_add",
    ),
    path(
        "people/<int:pk>/vulnerabilities/<int:flag_id>/review/",
        views_vulnerability.flag_review,
        name="vulnerability_review",
    ),
    path(
        "people/<int:pk>/vulnerabilities/<int:flag_id>/end/",
        views_vulnerability.flag_end,
        name="vulnerability_end",
    ),
    path(
        "vulnerabilities/review/",
        views_vulnerability.flags_to_review,
        name="vulnerabilities_to_review",
    ),
]
