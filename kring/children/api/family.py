"""The family's accounts through the API: the same invitations and gezag as the page
(`children/family/`), decided by the same policy acts and done by the same services."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response

from kring.access import policy
from kring.accounts.models import User
from kring.api.access import user_of
from kring.api.errors import DetailSerializer, ErrorSerializer, KringAPIView, call
from kring.children import invitations
from kring.children.models import Child, Gezag, Invitation, InvitationKind, LegalRepresentative

TAG = ["children"]
ERRORS: dict[int, Any] = {400: ErrorSerializer, 403: DetailSerializer, 404: DetailSerializer}


class InvitationSerializer(serializers.ModelSerializer[Invitation]):
    status = serializers.SerializerMethodField(help_text="open, accepted, revoked of expired.")

    class Meta:
        model = Invitation
        fields = ["id", "kind", "representative", "email", "sent_at", "expires_at", "status"]
        read_only_fields = fields

    def get_status(self, invitation: Invitation) -> str:
        found_state = "open"
        if invitation.accepted_at is not None:
            found_state = "accepted"
        elif invitation.revoked_at is not None:
            found_state = "revoked"
        else:
            from django.utils import timezone

            if invitation.expires_at <= timezone.now():
                found_state = "expired"
        return found_state


class InvitationCreateSerializer(serializers.Serializer[dict[str, Any]]):
    kind = serializers.ChoiceField(choices=InvitationKind.choices)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True, default="")
    representative = serializers.IntegerField(required=False, allow_null=True, default=None)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    relation = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    gezag = serializers.ChoiceField(choices=Gezag.choices, required=False, default=Gezag.GEZAG)


class GezagSerializer(serializers.Serializer[dict[str, Any]]):
    gezag = serializers.ChoiceField(choices=Gezag.choices)
    gezag_on = serializers.DateField(required=False, allow_null=True, default=None)


class FamilyRightsSerializer(serializers.Serializer[dict[str, Any]]):
    act_for_child = serializers.BooleanField(help_text="Toestemming geven of een zienswijze namens het kind.")
    invite_family = serializers.BooleanField(help_text="Een ouder of verzorger uitnodigen, gezag vastleggen.")
    invite_child = serializers.BooleanField(
        help_text="Het kind (vanaf 12) uitnodigen voor een eigen account."
    )
    own_file_scope = serializers.CharField(
        allow_null=True, help_text="Wat het kind zelf van zijn dossier ziet."
    )


def _child(request: Request, child_id: int) -> Child:
    child = policy.visible_children(user_of(request)).filter(pk=child_id).first()
    if child is None:
        raise Http404
    return child


def _family_child(request: Request, child_id: int) -> Child:
    child = _child(request, child_id)
    if not policy.uses_invitation_page(user_of(request), child):
        raise PermissionDenied("Je mag voor dit kind niemand uitnodigen.")
    return child


class FamilyRightsView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Wat jij mag voor dit kind (gezag, uitnodigen)",
        responses={200: FamilyRightsSerializer, 403: DetailSerializer, 404: DetailSerializer},
    )
    def get(self, request: Request, child_id: int) -> Response:
        user, child = user_of(request), _child(request, child_id)
        own = policy.own_file_scope(child) if child.account_id == user.pk else None
        return Response(
            {
                "act_for_child": policy.may_act_for_child(user, child),
                "invite_family": policy.may_invite_family(user, child),
                "invite_child": policy.may_invite_child(user, child),
                "own_file_scope": own,
            }
        )


class InvitationListView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Uitnodigingen van het gezin",
        responses={200: InvitationSerializer(many=True), **ERRORS},
    )
    def get(self, request: Request, child_id: int) -> Response:
        child = _family_child(request, child_id)
        _reps, rows = invitations.read_family(actor=user_of(request), child=child)
        return Response(InvitationSerializer(rows, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Een ouder of het kind uitnodigen",
        description=(
            "Stuurt een e-mail met een link die één keer werkt en 14 dagen geldig is. In de e-mail staat "
            "alleen de voornaam van het kind en wie uitnodigt. Het kind kan pas vanaf 12 jaar."
        ),
        request=InvitationCreateSerializer,
        responses={201: InvitationSerializer, **ERRORS},
    )
    def post(self, request: Request, child_id: int) -> Response:
        user, child = user_of(request), _family_child(request, child_id)
        data = InvitationCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        if values["kind"] == InvitationKind.KIND:
            sent = call(invitations.invite_child, actor=user, child=child, email=values["email"])
        else:
            rep = _representative(child, values["representative"])
            sent = call(
                invitations.invite_parent,
                actor=user,
                child=child,
                email=values["email"],
                representative=rep,
                name=values["name"],
                relation=values["relation"],
                gezag=values["gezag"],
            )
        return Response(InvitationSerializer(sent.invitation).data, status=status.HTTP_201_CREATED)


def _representative(child: Child, rep_id: int | None) -> LegalRepresentative | None:
    if rep_id is None:
        return None
    rep = LegalRepresentative.objects.filter(pk=rep_id, child=child).first()
    if rep is None:
        raise serializers.ValidationError({"representative": ["Kies een ouder of verzorger van dit kind."]})
    return rep


def _invitation(request: Request, child: Child, invitation_id: int) -> Invitation:
    invitation = Invitation.objects.filter(pk=invitation_id, child=child).select_related("child").first()
    if invitation is None or not policy.may_manage_invitation(user_of(request), invitation):
        raise Http404
    return invitation


class InvitationResendView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Een uitnodiging opnieuw sturen",
        request=None,
        responses={200: InvitationSerializer, **ERRORS},
    )
    def post(self, request: Request, child_id: int, invitation_id: int) -> Response:
        child = _family_child(request, child_id)
        invitation = _invitation(request, child, invitation_id)
        sent = call(invitations.resend_invitation, actor=user_of(request), invitation=invitation)
        return Response(InvitationSerializer(sent.invitation).data)


class InvitationRevokeView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Een uitnodiging intrekken",
        request=None,
        responses={200: InvitationSerializer, **ERRORS},
    )
    def post(self, request: Request, child_id: int, invitation_id: int) -> Response:
        child = _family_child(request, child_id)
        invitation = _invitation(request, child, invitation_id)
        revoked = call(invitations.revoke_invitation, actor=user_of(request), invitation=invitation)
        return Response(InvitationSerializer(revoked).data)


class GezagView(KringAPIView):
    @extend_schema(
        tags=TAG,
        summary="Gezag vastleggen",
        request=GezagSerializer,
        responses={200: GezagSerializer, **ERRORS},
    )
    def put(self, request: Request, child_id: int, representative_id: int) -> Response:
        user: User = user_of(request)
        child = _child(request, child_id)
        if not policy.may_record_gezag(user, child):
            raise PermissionDenied("Je mag het gezag voor dit kind niet vastleggen.")
        rep = LegalRepresentative.objects.filter(pk=representative_id, child=child).first()
        if rep is None:
            raise Http404
        data = GezagSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rep = call(invitations.record_gezag, actor=user, representative=rep, **data.validated_data)
        return Response({"gezag": rep.gezag, "gezag_on": rep.gezag_on})
