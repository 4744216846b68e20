package demo

// The invented organisation behind the demo portfolio: Larkspur Group, a
// European omnichannel retailer. Everything here is fiction. Names mix
// scripts and diacritics on purpose, so every screen, export and PDF meets
// non-ASCII text on first run.

const companyName = "Larkspur Group"

// themeSpec is a strategic theme and the share of investment it should get.
type themeSpec struct {
	name        string
	share       float64
	description string
}

// themeSpecs sum to a target share of exactly 1.
var themeSpecs = []themeSpec{
	{"Grow digital revenue", 0.35, "Make web and app the first choice: conversion, basket size, new markets."},
	{"Delight customers", 0.25, "Fewer contacts, faster answers, a checkout and a return that just work."},
	{"Operational excellence", 0.25, "Faster flow, fewer failed changes, lower cost to serve."},
	{"Compliance & resilience", 0.15, "PSD3, the European Accessibility Act, EU DORA and everyday resilience."},
}

// teamSpec describes one team; key is its Jira project key, Azure DevOps
// area or Rally project, and slug names its services.
type teamSpec struct {
	name      string
	tool      int
	framework string
	key       string
	slug      string
	lead      string
}

// programSpec describes one program (value stream / ART). Its epics live in
// the tool of its first team; epicKey is their Jira project when that is Jira.
type programSpec struct {
	name        string
	short       string
	product     string
	description string
	epicKey     string
	themeBias   [4]float64
	teams       [5]teamSpec
}

// programSpecs: the demo scale takes the first three programs and the first
// three teams of each; the large scale takes all of them.
var programSpecs = []programSpec{
	{
		name: "Digital Storefront", short: "Storefront", product: "larkspur.eu web shop",
		description: "Everything a customer sees before the basket: catalogue, search, product pages, the shop app.",
		epicKey:     "STORE", themeBias: [4]float64{0.55, 0.25, 0.1, 0.1},
		teams: [5]teamSpec{
			{"Catalogue Crew", toolJira, "scrum", "CAT", "catalogue", "Åsa Lindqvist"},
			{"Søk & Finn", toolJira, "scrum", "SRCH", "search", "Mateus Conceição"},
			{"Équipe Panier", toolADO, "scrum", "Basket", "basket", "Margaux Lefèvre"},
			{"Product Page Pilots", toolJira, "scrum", "PDP", "product-pages", "Daniel Okafor"},
			{"Storefront Mobile", toolRally, "scrum", "Mobile", "shop-mobile", "Inés Gómez-Ruiz"},
		},
	},
	{
		name: "Payments & Checkout", short: "Payments", product: "Larkspur Pay",
		description: "Basket to receipt: checkout, payment methods, fraud screening, refunds and payouts.",
		epicKey:     "PAYE", themeBias: [4]float64{0.3, 0.2, 0.15, 0.35},
		teams: [5]teamSpec{
			{"Checkout Kestrels", toolADO, "scrum", "Checkout", "checkout", "Jürgen Bäcker"},
			{"Zahlungsflüsse", toolADO, "scrum", "Flows", "payment-flows", "Chloé Martín"},
			{"Fraud Radar", toolJira, "kanban", "FRD", "fraud", "Priya Raghunathan"},
			{"Ledger Lynx", toolRally, "scrum", "Ledger", "ledger", "Łukasz Dąbrowski"},
			{"Wallet & Payouts", toolJira, "scrum", "WAL", "wallet", "Nguyễn Thị Lan"},
		},
	},
	{
		name: "Customer Care", short: "Care", product: "Larkspur Care Center",
		description: "Help before and after the sale: chat, knowledge base, self-service, returns.",
		epicKey:     "CARE", themeBias: [4]float64{0.1, 0.55, 0.25, 0.1},
		teams: [5]teamSpec{
			{"Care Chat", toolRally, "scrum", "Chat", "care-chat", "Björn Öberg"},
			{"山田チーム", toolRally, "scrum", "Knowledge", "knowledge", "山田 花子 (Hanako Yamada)"},
			{"Self-Service Squad", toolJira, "kanban", "SELF", "self-service", "İlkay Şahin"},
			{"Returns Rangers", toolADO, "scrum", "Returns", "returns", "Niamh Ó Súilleabháin"},
			{"Voice of Customer", toolJira, "kanban", "VOC", "voice-of-customer", "Thandiwe Nkosi"},
		},
	},
	{
		name: "Supply Chain & Fulfilment", short: "Fulfilment", product: "Fulfilment Hub",
		description: "From supplier to doorstep: warehouses, stock, routing and carriers.",
		epicKey:     "FUL", themeBias: [4]float64{0.15, 0.2, 0.5, 0.15},
		teams: [5]teamSpec{
			{"Warehouse Wolves", toolJira, "scrum", "WHS", "warehouse", "Henrik Sørensen"},
			{"Łódź Logistics", toolADO, "scrum", "Logistics", "logistics", "Zofia Wróblewska"},
			{"Route Runners", toolJira, "kanban", "ROUTE", "routing", "Oluwaseun Adébáyọ̀"},
			{"Inventory Insight", toolRally, "scrum", "Inventory", "inventory", "Renée Dubois"},
			{"Carrier Connect", toolADO, "scrum", "Carriers", "carriers", "Tomáš Dvořák"},
		},
	},
	{
		name: "Loyalty & Marketing", short: "Loyalty", product: "Larkspur Rewards",
		description: "Bringing customers back: rewards, campaigns, personalisation and CRM.",
		epicKey:     "LOY", themeBias: [4]float64{0.5, 0.35, 0.05, 0.1},
		teams: [5]teamSpec{
			{"Rewards Rockets", toolJira, "scrum", "RWD", "rewards", "Sofía Castaño"},
			{"Campaign Engine", toolADO, "scrum", "Campaigns", "campaigns", "Kaito Tanaka"},
			{"Équipe Fidélité", toolJira, "scrum", "FID", "fidelite", "Amélie Gauthier"},
			{"Personalisation Pod", toolRally, "kanban", "Personalisation", "personalisation", "Rahul Mehta"},
			{"CRM Crafters", toolJira, "scrum", "CRM", "crm", "Ayşe Yılmaz"},
		},
	},
	{
		name: "Store Operations", short: "Stores", product: "Store Companion",
		description: "Tools for 400 stores: tills, shelf scanning, staff scheduling and store ops.",
		epicKey:     "OPS", themeBias: [4]float64{0.15, 0.2, 0.5, 0.15},
		teams: [5]teamSpec{
			{"Store Companion", toolADO, "scrum", "Companion", "companion", "Matthias Groß"},
			{"Kasse Nord", toolJira, "scrum", "POS", "pos", "Fatima Benali"},
			{"Shelf Scanners", toolRally, "scrum", "Shelf", "shelf", "Mikael Heikkilä"},
			{"Staff Scheduling", toolJira, "kanban", "STAFF", "staffing", "Carmen Núñez"},
			{"Møller Ops", toolADO, "scrum", "StoreOps", "store-ops", "Kirsten Møller"},
		},
	},
	{
		name: "Data & Analytics Platform", short: "Data", product: "Insight Platform",
		description: "Shared data products, pipelines, reporting and machine learning operations.",
		epicKey:     "DATA", themeBias: [4]float64{0.25, 0.1, 0.45, 0.2},
		teams: [5]teamSpec{
			{"Data Pipes", toolJira, "scrum", "PIPE", "pipelines", "Grzegorz Wiśniewski"},
			{"Metrics Mesh", toolADO, "scrum", "Metrics", "metrics-mesh", "Anaïs Leclerc"},
			{"ML Ops", toolRally, "kanban", "MLOps", "mlops", "Ștefan Ionescu"},
			{"Reporting Raben", toolJira, "scrum", "REP", "reporting", "Lea Schäfer"},
			{"Data Quality Guild", toolJira, "scrum", "DQ", "data-quality", "José Ángel Ruiz"},
		},
	},
	{
		name: "Platform Engineering", short: "Platform", product: "Larkspur Cloud Platform",
		description: "The paved road: cloud foundations, identity, observability, developer experience, edge.",
		epicKey:     "PLAT", themeBias: [4]float64{0.05, 0.05, 0.5, 0.4},
		teams: [5]teamSpec{
			{"Cloud Foundations", toolADO, "scrum", "Cloud", "cloud", "Eero Mäkinen"},
			{"Identity & Access", toolJira, "scrum", "IAM", "iam", "Mariam Haddad"},
			{"Observability", toolJira, "kanban", "OBS", "observability", "Pål Haugen"},
			{"Developer Experience", toolRally, "scrum", "DevEx", "devex", "Chiara Bianchi"},
			{"Edge & CDN", toolADO, "scrum", "Edge", "edge", "Σοφία Παπαδοπούλου"},
		},
	},
}

// people are the PMO, coaches, managers and reviewers who are not team leads.
var people = []string{
	"Dr. Helena Vogt", "Marcus Lindgren", "Aoife Brennan", "Kenji Watanabe",
	"Beatriz Nascimento", "Ole-Johan Strøm", "Małgorzata Nowak", "François Girard",
	"Ruth Adeyemi", "Tobias Krämer", "Elif Demir", "Samuel Achterberg",
	"Yasmin Qureshi", "Václav Novák", "Ingrid Halvorsen", "Diego Fernández",
	"Annika Björk", "Paolo Rossi", "Hye-jin Park", "Gustav Lund",
	"Maëlle Bernard", "Ciarán Doyle", "Zsófia Kovács", "Andrés Peña",
	"Lotte de Vries", "Mehmet Öztürk", "Rosa Jiménez", "Oskar Wiśniewski",
	"Leilani Kahale", "Bogdan Petrović", "Sunita Sharma", "Jonas Weiß",
}

// portfolioHolidays are the company-wide non-working days (Germany, where
// the portfolio office sits), TeamID 0.
var portfolioHolidays = []struct{ date, name string }{
	{"2024-05-01", "Tag der Arbeit"}, {"2024-05-09", "Christi Himmelfahrt"},
	{"2024-05-20", "Pfingstmontag"}, {"2024-10-03", "Tag der Deutschen Einheit"},
	{"2024-12-24", "Heiligabend (company closure)"}, {"2024-12-25", "1. Weihnachtstag"},
	{"2024-12-26", "2. Weihnachtstag"}, {"2024-12-31", "Silvester (company closure)"},
	{"2025-01-01", "Neujahr"}, {"2025-04-18", "Karfreitag"}, {"2025-04-21", "Ostermontag"},
	{"2025-05-01", "Tag der Arbeit"}, {"2025-05-29", "Christi Himmelfahrt"},
	{"2025-06-09", "Pfingstmontag"}, {"2025-10-03", "Tag der Deutschen Einheit"},
	{"2025-12-24", "Heiligabend (company closure)"}, {"2025-12-25", "1. Weihnachtstag"},
	{"2025-12-26", "2. Weihnachtstag"}, {"2025-12-31", "Silvester (company closure)"},
	{"2026-01-01", "Neujahr"}, {"2026-04-03", "Karfreitag"}, {"2026-04-06", "Ostermontag"},
	{"2026-05-01", "Tag der Arbeit"}, {"2026-05-14", "Christi Himmelfahrt"},
	{"2026-05-25", "Pfingstmontag"}, {"2026-10-03", "Tag der Deutschen Einheit"},
	{"2026-12-24", "Heiligabend (company closure)"}, {"2026-12-25", "1. Weihnachtstag"},
	{"2026-12-26", "2. Weihnachtstag"}, {"2026-12-31", "Silvester (company closure)"},
	{"2027-01-01", "Neujahr"},
}

// teamHolidays are local days off of teams outside Germany, by team name.
var teamHolidays = []struct{ team, date, name string }{
	{"山田チーム", "2025-11-03", "文化の日 (Culture Day)"},
	{"山田チーム", "2025-11-24", "勤労感謝の日 振替休日 (Labour Thanksgiving, observed)"},
	{"山田チーム", "2026-05-04", "みどりの日 (Greenery Day)"},
	{"山田チーム", "2026-11-03", "文化の日 (Culture Day)"},
	{"Łódź Logistics", "2025-11-11", "Narodowe Święto Niepodległości"},
	{"Łódź Logistics", "2026-11-11", "Narodowe Święto Niepodległości"},
	{"Équipe Panier", "2026-07-14", "Fête nationale"},
	{"Équipe Fidélité", "2026-07-14", "Fête nationale"},
}
