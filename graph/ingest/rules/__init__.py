"""The statement rules, one module per family (cue phrases, funding,
founding, posts, places, described initiatives, focus, periods), and
:func:`run_rules`, which runs them in a fixed order over the sentences of one
text.
"""

from __future__ import annotations

from graph.ingest.rules.cues import (
    rule_cues,
    rule_elaborations,
    rule_genitive_units,
    rule_member_lists,
    rule_responsible_for,
    rule_steering_groups,
)
from graph.ingest.rules.focus import rule_focus, rule_focus_terms
from graph.ingest.rules.founding import rule_founder_clauses, rule_founding_clause, rule_founding_date, rule_passive_founding
from graph.ingest.rules.funding import rule_amounts, rule_round_investors
from graph.ingest.rules.grants import rule_funders_programmes, rule_owned_programmes, rule_respective_amounts, rule_unattributed_grants
from graph.ingest.rules.groups import rule_among_participants, rule_both_members, rule_where_partners
from graph.ingest.rules.initiatives import rule_described_initiatives
from graph.ingest.rules.periods import rule_named_periods, rule_periods, rule_runs_until
from graph.ingest.rules.places import (
    rule_address_lines,
    rule_from_town,
    rule_gathers_region,
    rule_org_contact_lines,
    rule_place_adjectives,
    rule_sites,
)
from graph.ingest.rules.roles import (
    rule_appointed_head,
    rule_committee_parent,
    rule_day_to_day_running,
    rule_fellow_members,
    rule_heads_initiative,
    rule_partner_roles,
    rule_pronoun_posts,
    rule_responsible_person,
    rule_own_project,
    rule_starting_together,
)
from graph.ingest.rules.posts import rule_mail_domains, rule_people, rule_respectively
from graph.ingest.statements import _Builder, _St

__all__ = ["run_rules"]


def run_rules(builder: _Builder) -> list[_St]:
    """Run every rule over the text of ``builder``: first the sentence rules,
    sentence by sentence, then the rules over the whole text. The order
    matters (a rule reads what earlier ones noted) and is fixed. Returns the
    statements found (``builder.out``)."""
    for sent in builder.ctx.sentences:
        rule_cues(builder, sent)
        rule_amounts(builder, sent)
        rule_unattributed_grants(builder, sent)
        rule_respective_amounts(builder, sent)
        rule_funders_programmes(builder, sent)
        rule_owned_programmes(builder, sent)
        rule_founding_date(builder, sent)
        rule_genitive_units(builder, sent)
        rule_founder_clauses(builder, sent)
        rule_founding_clause(builder, sent)
        rule_passive_founding(builder, sent)
        rule_place_adjectives(builder, sent)
        rule_respectively(builder, sent)
        rule_round_investors(builder, sent)
        rule_steering_groups(builder, sent)
        rule_gathers_region(builder, sent)
        rule_from_town(builder, sent)
        rule_responsible_for(builder, sent)
        rule_partner_roles(builder, sent)
        rule_day_to_day_running(builder, sent)
        rule_heads_initiative(builder, sent)
        rule_fellow_members(builder, sent)
        rule_pronoun_posts(builder, sent)
        rule_appointed_head(builder, sent)
        rule_responsible_person(builder, sent)
        rule_starting_together(builder, sent)
        rule_own_project(builder, sent)
        rule_among_participants(builder, sent)
        rule_both_members(builder, sent)
        rule_where_partners(builder, sent)
    rule_people(builder)
    rule_mail_domains(builder)
    rule_committee_parent(builder)
    rule_address_lines(builder)
    rule_org_contact_lines(builder)
    rule_sites(builder)
    rule_described_initiatives(builder)
    rule_focus(builder)
    rule_focus_terms(builder)
    rule_elaborations(builder)
    rule_member_lists(builder)
    rule_periods(builder)
    rule_named_periods(builder)
    rule_runs_until(builder)
    return builder.out
