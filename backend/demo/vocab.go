package demo

import "strconv"

// Titles. Each program has its own nouns, features and epics; item titles
// combine them with shared verbs and qualifiers so a backlog reads like a
// real one without storing thousands of strings.

// programVocab is the language of one program, in programSpecs order.
type programVocab struct {
	objects    []string // things stories and bugs are about
	features   []string
	epics      []string
	objectives []string // program-level OKR objectives
}

var vocab = []programVocab{
	{ // Digital Storefront
		objects:    []string{"product listing", "search results", "faceted filters", "product detail page", "size guide", "wishlist", "recently viewed", "price badge", "stock indicator", "category page", "product reviews", "image gallery", "breadcrumb", "home page banner"},
		features:   []string{"Faceted search v2", "Wishlist sharing", "Product comparison", "Size advisor", "Buy-again shelf", "Real-time stock badges", "Review photos", "Schema.org product markup", "Bundle offers", "Voice search pilot", "Back-in-stock alerts", "Category landing pages", "Zero-results recovery", "Image zoom and 360° view"},
		epics:      []string{"New product detail experience", "Marketplace for partner sellers", "Headless storefront migration", "Personal recommendations everywhere", "Expansion to Poland", "Search relevance overhaul", "Shop app 3.0", "Sustainable choice labels"},
		objectives: []string{"Customers find what they want in seconds", "Make the shop app our best-converting channel", "Be ready to sell in Poland"},
	},
	{ // Payments & Checkout
		objects:    []string{"checkout page", "payment method picker", "card form", "SEPA mandate", "refund flow", "invoice PDF", "gift card balance", "3-D Secure challenge", "payout report", "voucher field", "order confirmation", "PayPal button", "instalment offer", "settlement file"},
		features:   []string{"One-page checkout", "Apple Pay and Google Pay", "Instant SEPA refunds", "Buy now, pay later", "Stored cards with network tokens", "Split payments", "Gift card top-up", "Fraud scoring v3", "Automated chargeback handling", "Payouts to marketplace sellers", "Multi-currency pricing", "Express checkout for returning customers", "PSD3 strong customer authentication", "Invoice payment for B2B"},
		epics:      []string{"Checkout conversion +2 pts", "PSD3 readiness", "Payments platform consolidation", "Marketplace payouts", "Fraud losses halved", "Wallet and stored value", "Real-time refunds", "Cost per transaction down"},
		objectives: []string{"Make paying effortless on every device", "Cut payment costs without adding risk", "Be PSD3-ready six months early"},
	},
	{ // Customer Care
		objects:    []string{"chat widget", "agent desktop", "knowledge article", "contact form", "return label", "order status page", "callback request", "FAQ search", "case timeline", "satisfaction survey", "chatbot intent", "macro library", "escalation queue", "customer profile panel"},
		features:   []string{"Chatbot order tracking", "Self-service returns", "Proactive delay notices", "Agent assist suggestions", "Knowledge base search v2", "Callback scheduling", "Omnichannel case view", "Return label QR codes", "Survey after every contact", "Multilingual help centre (DE/FR/PL/日本語)", "Live chat queue estimates", "Refund status tracking"},
		epics:      []string{"Contact rate down 20 %", "Self-service first", "Agent desktop replacement", "One view of the customer", "Returns without friction", "Care in every language", "Proactive care", "Knowledge that answers"},
		objectives: []string{"Customers solve most problems without calling us", "Every contact resolved at first touch", "Build an inner-source community of practice for care tools"},
	},
	{ // Supply Chain & Fulfilment
		objects:    []string{"pick list", "pallet label", "stock reservation", "delivery slot", "route plan", "carrier booking", "goods receipt", "cycle count", "shipment tracking", "returns intake", "dock schedule", "replenishment order", "packing station UI", "ASN import"},
		features:   []string{"Slot booking for same-day delivery", "Dynamic route optimisation", "Carrier rate shopping", "Pick path optimisation", "Automated replenishment", "Returns grading app", "Live shipment tracking", "Dock door scheduling", "Cycle counting on handhelds", "Parcel locker delivery"},
		epics:      []string{"Same-day delivery in 10 cities", "New fulfilment centre Łódź", "Carrier platform", "Inventory accuracy 99.5 %", "Returns re-commerce", "Green last mile", "Warehouse robotics pilot", "Supplier portal"},
		objectives: []string{"Deliver faster than anyone in our markets", "Know exactly what stock we have, everywhere"},
	},
	{ // Loyalty & Marketing
		objects:    []string{"points balance", "reward catalogue", "campaign builder", "newsletter template", "coupon code", "member tier", "segment editor", "consent banner", "referral link", "push notification", "birthday offer", "customer journey", "A/B test", "loyalty card"},
		features:   []string{"Tiered membership", "Personalised offers", "Referral programme", "Points on in-store purchases", "Campaign A/B testing", "Consent centre", "Birthday rewards", "Partner rewards", "Next-best-action engine", "Digital loyalty card in wallet"},
		epics:      []string{"Loyalty 2.0", "Personalisation at scale", "Consent and preference management", "Marketing automation platform", "Partner coalition", "Customer data platform", "Omnichannel campaigns", "Member app"},
		objectives: []string{"Members come back more often", "Every message is relevant to the person"},
	},
	{ // Store Operations
		objects:    []string{"till receipt", "shelf label", "staff roster", "stock lookup", "click & collect locker", "price change list", "cash-up report", "task list", "store map", "handheld scanner app", "shift swap", "planogram", "incident report", "gap scan"},
		features:   []string{"Mobile point of sale", "Electronic shelf labels", "Shift swapping in the app", "Click & collect lockers", "Gap scanning", "Task management for stores", "Planogram compliance photos", "Store stock lookup", "Self-checkout v2", "Endless aisle ordering"},
		epics:      []string{"Store of the future pilot", "Till replacement", "Workforce management", "Store app for every colleague", "Shelf availability 98 %", "Frictionless store checkout", "Store energy savings", "Omnichannel stores"},
		objectives: []string{"Colleagues spend time with customers, not admin", "Shelves are never empty"},
	},
	{ // Data & Analytics Platform
		objects:    []string{"ingestion pipeline", "data contract", "dashboard", "feature store", "lineage graph", "metric definition", "dbt model", "data catalogue entry", "ML model", "reporting extract", "quality check", "access policy", "streaming job", "warehouse table"},
		features:   []string{"Self-service data products", "Data contracts for all sources", "Real-time sales dashboard", "Feature store", "Column-level lineage", "Automated data quality checks", "Semantic metric layer", "Model monitoring", "Cost dashboards per domain", "Governed data sharing"},
		epics:      []string{"Data mesh foundations", "One metrics layer", "ML platform", "Real-time analytics", "Data quality at source", "Warehouse migration", "Privacy by design", "Self-service BI"},
		objectives: []string{"Every decision backed by trusted data", "Data products teams can build on without asking us"},
	},
	{ // Platform Engineering
		objects:    []string{"Kubernetes cluster", "CI pipeline", "service template", "secret store", "SSO login", "alert rule", "trace sampling", "CDN config", "Terraform module", "golden image", "developer portal", "access review", "WAF rule", "certificate rotation"},
		features:   []string{"Golden path templates", "Single sign-on everywhere", "OpenTelemetry rollout", "Self-service environments", "Zero-downtime cluster upgrades", "Secrets rotation", "Developer portal", "Edge caching rules", "SLO dashboards", "Policy as code", "Ephemeral preview environments", "FinOps tagging"},
		epics:      []string{"Paved road for every team", "Cloud cost down 25 %", "Zero-trust access", "EU DORA operational resilience", "Observability for all services", "Multi-region failover", "Developer experience", "Edge platform"},
		objectives: []string{"Teams ship safely many times a day", "Meet EU DORA resilience obligations"},
	},
}

var (
	storyVerbs = []string{"Add", "Show", "Validate", "Export", "Improve", "Localise", "Simplify", "Support editing of", "Track", "Cache", "Redesign", "Audit", "Paginate", "Filter", "Personalise", "Speed up"}
	qualifiers = []string{" for guest users", " on mobile", " in FR and NL", " for B2B customers", " (phase 2)", " behind a feature flag", " für Österreich", " for the Polish market (PL)", " for 日本 launch", " with screen-reader support", " in dark mode", ""}
	symptoms   = []string{"wrong total after currency switch", "timeout under load", "umlauts garbled in PDF (ä, ö, ü, ß)", "crash on Android 15", "duplicate entries after retry", "missing translation (FR)", "off-by-one on the last page", "null pointer when the list is empty", "stale data after update", "500 error on save", "layout broken in Safari", "rounding error of one cent", "time shown in UTC instead of local time", "accents lost in names (Zoë, José, Ólafur)"}
	techs      = []string{"PostgreSQL 17", "Kafka 4", "OpenTelemetry tracing", "feature flags", "contract tests", "Go 1.26", "Java 25", "Kubernetes 1.34 node pools", "OAuth 2.1 PKCE", "Playwright end-to-end tests", "a read replica", "the event outbox"}
	debtForms  = []string{"Refactor the %s module", "Remove deprecated %s endpoint", "Replace hand-rolled retries in %s", "Raise test coverage of %s", "Split the %s monolith module", "Delete dead code around %s"}
	riskForms  = []string{"Risk: single maintainer for %s", "Risk: vendor contract for %s ends in Q1", "Risk: peak-season load on %s", "Risk: regulatory change affects %s", "Risk: key-person dependency on %s"}
	taskForms  = []string{"Update runbook for %s", "Rotate certificates for %s", "Clean up test data in %s", "Upgrade dependencies of %s", "Document the %s API"}
	subForms   = []string{"Backend changes", "Frontend changes", "Unit tests", "Update API docs", "Translations (DE/FR/PL)", "Code review fixes", "Analytics events", "Accessibility check"}
	markets    = []string{"", "", "", " — DACH", " — Nordics", " — France", " — Polska", " — Benelux", " — España"}
)

// fill replaces the single %s in form with s; cheaper than fmt for titles.
func fill(form, s string) string {
	for i := 0; i+1 < len(form); i++ {
		if form[i] == '%' && form[i+1] == 's' {
			return form[:i] + s + form[i+2:]
		}
	}
	return form
}

func (g *gen) oneOf(list []string) string { return list[g.r.IntN(len(list))] }

// epicTitle names the n-th epic of a program; beyond the list, waves.
func epicTitle(prog, n int) string {
	list := vocab[prog].epics
	if n < len(list) {
		return list[n]
	}
	return list[n%len(list)] + " — wave " + strconv.Itoa(n/len(list)+1)
}

// featureTitle names the n-th feature of a team; teams of a program start
// at different places in the program's list.
func (g *gen) featureTitle(prog, team, n int) string {
	list := vocab[prog].features
	title := list[(n+team*3)%len(list)]
	if n >= len(list) {
		title += " — increment " + strconv.Itoa(n/len(list)+1)
	}
	return title + g.oneOf(markets)
}

// itemTitle names a delivery item or sub-task.
func (g *gen) itemTitle(k kind, prog int) string {
	obj := g.oneOf(vocab[prog].objects)
	switch k {
	case kBug:
		return upperFirst(obj) + ": " + g.oneOf(symptoms)
	case kEnabler:
		if g.chance(0.4) {
			return "Spike: " + g.oneOf(techs) + " for " + obj
		}
		return "Introduce " + g.oneOf(techs) + " in " + obj
	case kDebt:
		return fill(g.oneOf(debtForms), obj)
	case kRisk:
		return fill(g.oneOf(riskForms), obj)
	case kTask:
		return fill(g.oneOf(taskForms), obj)
	case kSubtask:
		return g.oneOf(subForms)
	}
	return g.oneOf(storyVerbs) + " " + obj + g.oneOf(qualifiers)
}

// upperFirst upper-cases an ASCII first letter.
func upperFirst(s string) string {
	if s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return string(s[0]-'a'+'A') + s[1:]
	}
	return s
}
