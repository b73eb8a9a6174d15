"""The dispatcher as a command (cron) and as a task (worker)."""

import datetime
from io import StringIO

from django.core.management import call_command
from django_tasks import TaskResultStatus

from ere.peers.enums import HelpMode, ProposalStatus, RequestStatus
from ere.peers.models import Proposal
from ere.peers.tasks import dispatch_requests
from tests.catalog.factories import ToolFactory
from tests.org.factories import UserFactory
from tests.peers.factories import HelpRequestFactory
from tests.peers.test_requests_service import helper


def run(*args):
    out = StringIO()
    call_command("match_help_requests", *args, stdout=out)
    return out.getvalue()


def test_it_proposes_the_waiting_requests_and_sums_up_in_french(agency):
    tool = ToolFactory(name="Éditeur d'offres")
    colleague = helper(tool, agency=agency, first_name="Chloé", last_name="Durand")
    waiting = HelpRequestFactory(requester=UserFactory(agency=agency), tool=tool, mode=HelpMode.BESIDE)
    HelpRequestFactory(requester=UserFactory(agency=agency), tool=ToolFactory(name="Agenda partagé"))

    out = run("-v", "2")

    assert f"Demande n° {waiting.pk} proposée à Chloé Durand" in out
    assert "aucun collègue disponible sur Agenda partagé" in out
    assert out.endswith("Demandes d'aide : 1 demande proposée, 1 sans collègue disponible, 0 proposition expirée.\n")
    assert waiting.pending_proposal().candidate == colleague
    # Nothing more to do the second time.
    assert run() == "Demandes d'aide : 0 demande proposée, 1 sans collègue disponible, 0 proposition expirée.\n"


def test_it_moves_on_the_proposals_left_without_an_answer(agency):
    tool = ToolFactory()
    first, second = helper(tool, agency=agency), helper(tool, agency=agency)
    waiting = HelpRequestFactory(requester=UserFactory(agency=agency), tool=tool)
    run()
    proposal = waiting.pending_proposal()
    Proposal.objects.filter(pk=proposal.pk).update(expires_at=proposal.expires_at - datetime.timedelta(days=1))

    out = run()

    assert out == "Demandes d'aide : 1 demande proposée, 0 sans collègue disponible, 1 proposition expirée.\n"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.EXPIRED
    assert waiting.pending_proposal().candidate == ({first, second} - {proposal.candidate}).pop()


def test_the_task_runs_the_same_dispatch(agency):
    tool = ToolFactory()
    helper(tool, agency=agency)
    waiting = HelpRequestFactory(requester=UserFactory(agency=agency), tool=tool)

    result = dispatch_requests.enqueue()

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == {"proposed": 1, "unmatched": 0, "expired": 0}
    waiting.refresh_from_db()
    assert waiting.status == RequestStatus.PROPOSED
