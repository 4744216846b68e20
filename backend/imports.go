package backend

import "time"

// ImportItem is one work item read from a team's file, in domain terms but
// with references still by name or key (team, program, parent, PI, sprint):
// the store resolves them. Provenance says where the row came from.
type ImportItem struct {
	SourceSystem string // jira, ado, rally, template, sheet…
	ExternalKey  string
	Type         ItemType
	RawType      string
	Title        string
	Team         string // team name; "" keeps the item's current team or the import's default
	// TeamKey is how the source system names the team's space (Azure DevOps
	// area path, Jira project key, Rally project): a team registered with
	// that source key is used before any match by name.
	TeamKey    string
	Program    string
	Status     string
	PI         string
	ParentKey  string // external key of the parent in the same source system
	Theme      string
	Points     *float64
	CreatedAt  time.Time
	ResolvedAt *time.Time
	UpdatedAt  *time.Time // when the source last changed the item; decides between duplicate rows
	Labels     string
	Component  string
	Priority   string
	FoundIn    string
	Sprints    []string       // sprint names, oldest first (Jira repeats the Sprint column)
	History    []ImportChange // may be empty; the current status alone then becomes one entry
	// Reconstructed says History was built from date columns (created,
	// activated, resolved… or one date per stage), not read from a changelog.
	Reconstructed bool
	File          string
	Sheet         string
	Row           int
}

// ImportChange is one status change read from a file.
type ImportChange struct {
	From string
	To   string
	At   time.Time
}

// ImportBatch describes one imported file (PRODUCT §3, import batch).
type ImportBatch struct {
	ID           int64        `json:"id"`
	FileName     string       `json:"fileName"`
	SHA256       string       `json:"sha256"`
	SizeBytes    int64        `json:"sizeBytes"`
	Format       string       `json:"format"`
	Sheet        string       `json:"sheet"`
	Encoding     string       `json:"encoding"`
	Delimiter    string       `json:"delimiter"`
	MappingJSON  string       `json:"-"`
	RowsRead     int          `json:"rowsRead"`
	Rejected     int          `json:"rejected"`
	ProblemsJSON string       `json:"-"`
	AppVersion   string       `json:"appVersion"`
	Status       string       `json:"status"` // applied, undone
	ImportedAt   time.Time    `json:"importedAt"`
	Result       ImportResult `json:"result"`
	// Records counts what the batch did to registers and delivery/value
	// rows, and the teams and programs it created, by kind.
	Records map[string]KindCounts `json:"records"`
}

// ImportResult counts what an import changed.
type ImportResult struct {
	BatchID         int64 `json:"batchId"`
	ItemsCreated    int   `json:"itemsCreated"`
	ItemsUpdated    int   `json:"itemsUpdated"`
	ItemsUnchanged  int   `json:"itemsUnchanged"`
	HistoryAdded    int   `json:"historyAdded"`
	TeamsCreated    int   `json:"teamsCreated"`
	ProgramsCreated int   `json:"programsCreated"`
	StaleSkipped    int   `json:"staleSkipped"` // duplicate rows older than another row of the same key
}

// ImportHistoryRow is one status change from a changelog table, for an item
// identified by its source system and key (in the same file or already
// stored).
type ImportHistoryRow struct {
	SourceSystem string
	Key          string
	Change       ImportChange
	File         string
	Sheet        string
	Row          int
}

// ImportPayload is everything read from one file: it is stored as one
// import batch in one transaction.
type ImportPayload struct {
	Items []ImportItem
	// Links name each item's parent when the items themselves reached the
	// store while the file was read (sqlite.ApplyStream) and are not kept
	// here; parents are linked from Items and Links alike.
	Links   []ImportLink
	History []ImportHistoryRow
	Records ImportRecords
}

// ImportLink is what linking an item to its parent and its sprints needs
// of an imported row: its key, its parent's key (in the same source
// system), the sprints it names and where the row is, for messages.
type ImportLink struct {
	SourceSystem string
	ExternalKey  string
	ParentKey    string
	Sprints      []string
	File         string
	Sheet        string
	Row          int
}

// FileResult is what storing one file changed.
type FileResult struct {
	BatchID int64         `json:"batchId"`
	Items   ImportResult  `json:"items"`
	Records RecordsResult `json:"records"`
	// Warnings are things stored differently from how the file put them,
	// or not at all (a changelog row for an unknown item).
	Warnings []string `json:"warnings"`
	// MissingParents are (the first 20 of) the items whose parent key is
	// neither in the file nor in the portfolio: they are stored without a
	// parent. MissingParentCount counts them all.
	MissingParents     []ImportLink `json:"missingParents"`
	MissingParentCount int          `json:"missingParentCount"`
}
