"""Forms of the workspaces app."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from socialplan.web.workspaces.models import Invitation, Membership, Preferences, Workspace


class WorkspaceForm(forms.ModelForm[Workspace]):
    """A new workspace: its name; the address is made from it."""

    class Meta:
        model = Workspace
        fields = ["name", "time_zone"]

    def clean_name(self) -> str:
        name: str = self.cleaned_data["name"].strip()
        if not slugify(name):
            raise forms.ValidationError(_("Use at least one letter or digit in the name."))
        return name


class InvitationForm(forms.ModelForm[Invitation]):
    """Invite someone by email with a role and department."""

    class Meta:
        model = Invitation
        fields = ["email", "role", "department"]


class MembershipForm(forms.ModelForm[Membership]):
    """Change a member's role or department."""

    class Meta:
        model = Membership
        fields = ["role", "department"]


class PreferencesForm(forms.ModelForm[Preferences]):
    """The user's interface language."""

    class Meta:
        model = Preferences
        fields = ["language"]


class SignUpForm(UserCreationForm[User]):
    """An account made from an invitation."""

    class Meta:
        model = User
        fields = ("username", "email")
