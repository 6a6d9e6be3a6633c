"""Starter documents: a complete, commented strategy for each primary objective and language.

The comments and example values are translated, so a team starts in its own language; the keys
stay English because they are the schema.
"""

from __future__ import annotations

import datetime as dt
import json

from socialplan.i18n import N_, Catalogue

OBJECTIVE_CHOICES = ("awareness", "sales", "loyalty")

HEADER = N_(
    "socialplan strategy: the seven steps, then voice, policy and governance. Replace "
    "the examples with your own, then run: socialplan check {file}"
)
SCHEMA_HINT = N_("Editors complete keys with the schema: socialplan schema -o strategy.schema.json")
C_TEAM = N_("Step 1. The team: people from several departments, customer service included.")
C_GOAL = N_(
    "Step 2. The business goal social media serves (measurable, with a target and a "
    "date), and ONE primary objective."
)
C_LISTENING = N_("Step 3. Listening: the brand, its competitors and the topics around it.")
C_PERSONAS = N_(
    "Step 4. The people you write for, customers and prospects, and where you know they are active."
)
C_METRICS = N_(
    "Step 5. KPIs tied to the primary objective, each with a baseline, quarterly "
    "targets and a source."
)
C_ONE_THING = N_("Step 6. The one thing: the idea the brand stands for, beyond its features.")
C_CHANNELS = N_(
    "Step 7. The channel plan: per network, why you are there, for whom, what, how "
    "often, who does it and with what."
)
C_CALENDAR = N_("The editorial calendar, and what comes back every month or quarter.")
C_VOICE = N_("Voice: how the brand sounds human.")
C_POLICY = N_("Policy: forbidden content, who may open accounts, approvals, criticism.")
C_ACCOUNTS = N_("The account registry: every account, its owner and who can get in.")
C_ADVOCACY = N_("Advocacy: who speaks for you, what they get, and the ethics rules.")
C_INTEGRATION = N_(
    "Integration: how social fits the marketing plan, the website and other channels."
)

V_ORG = N_("Your organisation")
V_LEAD = N_("Social media lead (name)")
V_LEAD_ROLE = N_("plans, publishes and reports")
V_CARE = N_("Customer service lead (name)")
V_CARE_ROLE = N_("answers questions and complaints")
V_SALES = N_("Sales lead (name)")
V_SALES_ROLE = N_("follows up leads from social media")
GOALS = {
    "awareness": (
        N_("More people in our market know us and consider us"),
        N_("branded searches per month"),
        "brand_search",
    ),
    "sales": (
        N_("More orders from new customers"),
        N_("orders from social media per month"),
        "conversions",
    ),
    "loyalty": (
        N_("More repeat orders from existing customers"),
        N_("repeat orders per month"),
        "repeat_purchase",
    ),
}
V_WHY = N_("This is what the business needs most this year.")
V_COMPETITOR = N_("Main competitor")
V_TOPIC = N_("the topic your customers talk about")
V_FEEDS = N_("A monthly listening review changes the editorial calendar.")
V_PERSONA = N_("Existing customer")
V_AGE = N_("30-45")
V_LOCATION = N_("Your main city or region")
V_VALUE = N_("quality time with family")
V_INTEREST = N_("cooking at home")
V_CHALLENGE = N_("little time on weekdays")
V_HOURS = N_("evenings")
V_EVIDENCE = N_("Where you know it from: a survey, analytics or interviews")
V_KPI_SOURCE = N_("Shop analytics")
V_ONE_THING = N_("Write the one idea your brand stands for, in one sentence, beyond its products")
V_REASON = N_("Why this persona is here and what they want from us")
V_PILLAR_HELP = N_("Useful tips")
V_PILLAR_COMMUNITY = N_("Customer stories")
V_PILLAR_PROMO = N_("Offers")
V_BRAND_LINK = N_("How this topic ties to the brand")
V_CONTACT = N_("Direct messages, answered in working hours")
V_CONTEST = N_("A monthly contest for customers' photos")
V_TONE_1 = N_("warm")
V_TONE_2 = N_("plain")
V_SPEAKERS = N_("The community team, by first name")
V_NEVER = N_("blame the customer")
V_ADMITS = N_("We say what went wrong and what we do about it.")
V_CANNOT = N_("We explain why we cannot say more, and when we will.")
V_APPROVAL = N_("campaigns and paid posts")
V_ADVOCATES = N_("Customers who recommend us often")
V_ETHICS = N_("Advocates always say they are rewarded.")
V_PLAN = N_("The yearly marketing plan")
V_EMAIL = N_("newsletter")
V_SHOP = N_("the shop")
V_LANDING = N_("Landing page for the monthly offer")

KPIS = {
    "awareness": ("share-of-voice", N_("Share of voice in our category"), "share_of_voice"),
    "sales": ("orders-from-social", N_("Orders from social media"), "conversions"),
    "loyalty": ("repeat-orders", N_("Repeat orders"), "repeat_purchase"),
}


def starter(
    objective: str, cat: Catalogue, file: str = "strategy.yaml", today: dt.date | None = None
) -> str:
    """A commented starter strategy with *objective* as its primary objective."""
    today = today or dt.date.today()
    year = today.year + 1

    def t(message: str) -> str:
        return json.dumps(cat.gettext(message), ensure_ascii=False)

    def c(message: str, **args: object) -> str:
        return "# " + cat.format(message, **args)

    outcome, metric, goal_kind = GOALS[objective]
    kpi_id, kpi_name, kpi_kind = KPIS[objective]
    lines = [
        c(HEADER, file=file),
        c(SCHEMA_HINT),
        "version: 1",
        f"language: {cat.language}",
        "organisation:",
        f"  name: {t(V_ORG)}",
        "  website: https://example.org",
        "",
        c(C_TEAM),
        "team:",
        "  people:",
        f"    - {{name: {t(V_LEAD)}, department: marketing, role: {t(V_LEAD_ROLE)}}}",
        f"    - {{name: {t(V_CARE)}, department: customer_service, role: {t(V_CARE_ROLE)}}}",
        f"    - {{name: {t(V_SALES)}, department: sales, role: {t(V_SALES_ROLE)}}}",
        "",
        c(C_GOAL),
        "goal:",
        f"  outcome: {t(outcome)}",
        f"  metric: {t(metric)}",
        f"  kind: {goal_kind}",
        "  baseline: 100",
        "  target: 150",
        f"  deadline: {year}-12-31",
        "objectives:",
        f"  - {{kind: {objective}, primary: true, why: {t(V_WHY)}}}",
        "",
        c(C_LISTENING),
        "listening:",
        f"  brand_terms: [{t(V_ORG)}]",
        f"  competitor_terms: [{t(V_COMPETITOR)}]",
        f"  topic_terms: [{t(V_TOPIC)}]",
        "  channels: [facebook, instagram]",
        f"  owner: {t(V_LEAD)}",
        f"  feeds_plan: {t(V_FEEDS)}",
        "",
        c(C_PERSONAS),
        "personas:",
        "  - id: customer",
        f"    name: {t(V_PERSONA)}",
        "    relationship: customer",
        f"    demographics: {{age: {t(V_AGE)}, location: {t(V_LOCATION)}}}",
        f"    psychographics: {{values: [{t(V_VALUE)}], interests: [{t(V_INTEREST)}], "
        f"challenges: [{t(V_CHALLENGE)}]}}",
        f"    online_behaviour: {{devices: [mobile], active_hours: {t(V_HOURS)}}}",
        "    networks:",
        f"      - {{network: facebook, evidence: {t(V_EVIDENCE)}}}",
        f"      - {{network: instagram, evidence: {t(V_EVIDENCE)}}}",
        "",
        c(C_METRICS),
        "metrics:",
        "  maturity: beginner",
        "  kpis:",
        f"    - id: {kpi_id}",
        f"      name: {t(kpi_name)}",
        f"      kind: {kpi_kind}",
        "      baseline: 100",
        f'      targets: {{"{year}-Q1": 110, "{year}-Q2": 120, "{year}-Q3": 135, '
        f'"{year}-Q4": 150}}',
        f"      source: {t(V_KPI_SOURCE)}",
        "",
        c(C_ONE_THING),
        "one_thing:",
        f"  statement: {t(V_ONE_THING)}",
        "",
        c(C_CHANNELS),
        "channels:",
    ]
    for network, formats, cadence in (
        ("facebook", "[image, video, link]", 4),
        ("instagram", "[image, carousel, short_video, story]", 5),
    ):
        lines += [
            f"  - network: {network}",
            '    account: "@your-account"',
            f"    reason: {t(V_REASON)}",
            "    personas: [customer]",
            "    pillars:",
            f"      - {{name: {t(V_PILLAR_HELP)}, kind: help, share: 50, "
            f"brand_link: {t(V_BRAND_LINK)}}}",
            f"      - {{name: {t(V_PILLAR_COMMUNITY)}, kind: community, share: 30, "
            f"brand_link: {t(V_BRAND_LINK)}}}",
            f"      - {{name: {t(V_PILLAR_PROMO)}, kind: promotion, share: 20, "
            f"brand_link: {t(V_BRAND_LINK)}}}",
            f"    formats: {formats}",
            f"    cadence: {{posts: {cadence}, per: week}}",
            f"    owner: {t(V_LEAD)}",
            "    resources: {people: 1, hours_per_week: 6, budget_per_month: 200}",
            f"    kpis: [{kpi_id}]",
            f"    contact: {t(V_CONTACT)}",
            f"    responses: {{owner: {t(V_CARE)}, within_hours: 4}}",
        ]
    lines += [
        "",
        c(C_CALENDAR),
        "calendar:",
        "  planned_weeks_ahead: 4",
        "  recurring:",
        f"    - {{kind: contest, every: month, description: {t(V_CONTEST)}}}",
        "",
        c(C_VOICE),
        "voice:",
        f"  tone: [{t(V_TONE_1)}, {t(V_TONE_2)}]",
        f"  speakers: {t(V_SPEAKERS)}",
        "  sign_replies: true",
        f"  never_says: [{t(V_NEVER)}]",
        f"  admits_mistakes: {t(V_ADMITS)}",
        f"  when_cannot_answer: {t(V_CANNOT)}",
        "",
        c(C_POLICY),
        "policy:",
        "  forbidden: [insult, racism, sexism, religion, obscenity, sexual_innuendo, derogatory,"
        " discrimination]",
        f"  account_creators: [{t(V_LEAD)}]",
        f"  approval: {{required_for: [{t(V_APPROVAL)}], approvers: [{t(V_LEAD)}]}}",
        "  criticism: {never_delete: true, hide_only_for: [spam, abuse, personal_data], "
        "respond_within_hours: 4}",
        "  credential_rotation_days: 90",
        "  two_factor_required: true",
        "",
        c(C_ACCOUNTS),
        "accounts:",
    ]
    for network in ("facebook", "instagram"):
        lines += [
            f"  - network: {network}",
            '    handle: "@your-account"',
            f"    owner: {t(V_LEAD)}",
            f"    access: [{t(V_LEAD)}, {t(V_CARE)}]",
            "    two_factor: true",
            f"    credentials_rotated: {today.isoformat()}",
        ]
    lines += [
        "",
        c(C_ADVOCACY),
        "advocacy:",
        f"  advocates: {t(V_ADVOCATES)}",
        "  rewards: [recognition, early_access, discounts]",
        "  budget_per_year: 1000",
        f"  ethics: [{t(V_ETHICS)}]",
        "",
        c(C_INTEGRATION),
        "integration:",
        f"  marketing_plan: {t(V_PLAN)}",
        f"  other_channels: [{t(V_EMAIL)}, {t(V_SHOP)}]",
        "  website: https://example.org",
        "  landing_pages:",
        f"    - {{url: https://example.org/offer, purpose: {t(V_LANDING)}, mobile_ready: true}}",
        "  tracking: {utm: true, analytics: Matomo}",
        "",
    ]
    return "\n".join(lines)
