package imports

import (
	"context"
	"time"

	"github.com/throughline/throughline/backend"
)

// MapOptions steer MapTable.
type MapOptions struct {
	// Format forces a format; FormatUnknown detects it from the headers.
	Format Format
	// SourceSystem overrides the source system items are keyed under;
	// empty takes the format's (jira, ado, rally; "sheet" for stage-date
	// layouts and templates).
	SourceSystem string
	// Team and Program name the team and program for rows that do not say
	// (PRODUCT §9 --team/--program); a team or program in the row wins.
	Team, Program string
	// DateOrder forces day-first or month-first for every ambiguous date
	// column (the CLI's --date-order); the zero value decides per column
	// from the data and reports columns it cannot decide.
	DateOrder DateOrder
	// Location is the portfolio's reporting time zone: date-times without
	// an offset are civil times there.
	Location *time.Location
	// Profile is a saved column mapping (header → role) for tables no
	// format recognises; nil when none.
	Profile *Profile
	// Types maps raw item types the built-in tables do not know (compared
	// ignoring case, spaces, '-' and '_') to item types, so the user can
	// settle an unknown type instead of losing its rows. Added by the
	// mapping engineer; nil is fine.
	Types map[string]backend.ItemType
	// OnItems, when set, receives work items as soon as they are mapped, in
	// chunks and in file order, while the table is still being read, so a
	// caller can store them meanwhile. A row whose date and number cells
	// are all blank or real numbers (Excel serials) needs no per-column
	// decision and is mapped at once; from the first row that has one of
	// them written as text, the rest wait for the decisions as without
	// OnItems. The mapper keeps no item it handed over (a 200,000-row
	// sheet's items are ~100 MB): Mapped.Items is then empty and
	// Mapped.Links lists every item's key and parent in order, in final
	// form — a parent given as a Jira issue id is resolved only at the end
	// of the table, so callers link parents from Links. When the table
	// turns out to have ambiguous date columns, items were handed over but
	// Mapped has none: the caller discards what it received. An error from
	// OnItems stops the read and is returned by MapTable.
	OnItems func([]backend.ImportItem) error
	// OnRows, when set, is told how many data rows have been read so far,
	// every few thousand rows and once at the end of the table (for a
	// progress bar).
	OnRows func(rowsRead int)
	// Context, when set, stops the read once it is done (a cancelled
	// import): MapTable returns its error within a thousand rows, also
	// while rows wait for the per-column decisions.
	Context context.Context
}

// Profile is a named column mapping the user saved for a kind of table.
type Profile struct {
	Name    string          `json:"name"`
	Format  Format          `json:"format"`  // which layout the mapped table follows, usually FormatTemplate
	Columns map[string]Role `json:"columns"` // header (as in the file) → role
}

// Mapped is one table read into domain rows.
type Mapped struct {
	File       string
	Sheet      string
	Format     Format
	Variant    string
	Confidence float64
	RowsRead   int // data rows read, blank rows excluded
	Items      []backend.ImportItem
	// Links are the items' keys and parents when they were handed over
	// while reading (MapOptions.OnItems); Items is empty then.
	Links []backend.ImportLink
	// Changes are status changes from a changelog table (jira_history),
	// keyed by item, to merge into items of the same file or stored ones.
	Changes []KeyedChange
	Records backend.ImportRecords
	// Commits are the rows of a commits table (FormatCommits), keyed by
	// deployment: the store has no way to add commits to a deployment by
	// key alone, so the caller attaches them (AttachCommits) to the
	// deployments of the same file. Added by the mapping engineer.
	Commits []KeyedCommit
	// Problems: errors rejected their row; warnings did not. At most 1,000
	// are listed, then one summary problem.
	Problems []Problem
	// Rejected counts the rows an error rejected, including those whose
	// problems are past the 1,000 listed. Added by the mapping engineer.
	Rejected int
	// Statuses seen, for the status-mapping step.
	Statuses []StatusSeen
	// UnknownTypes are the raw item types no built-in table knows, in the
	// order they first appear, for the type-mapping step (settled or not).
	UnknownTypes []TypeSeen
	// AmbiguousDates lists date columns whose day/month order the data
	// cannot decide; the UI asks, the CLI takes --date-order.
	AmbiguousDates []AmbiguousColumn
}

// KeyedChange is one changelog row.
type KeyedChange struct {
	SourceSystem string
	Key          string
	Change       backend.ImportChange
	Row          int
}

// KeyedCommit is one row of a commits table: a commit that went out with
// the deployment named by DeploymentKey.
type KeyedCommit struct {
	DeploymentKey string
	Commit        backend.DeploymentCommit
	Repository    string
	Author        string
	Row           int
}

// StatusSeen is a raw status found in a table, with how often and where.
type StatusSeen struct {
	SourceSystem string `json:"sourceSystem"`
	Team         string `json:"team"`
	Status       string `json:"status"`
	Category     string `json:"category"` // Jira's status category when the export has it
	Count        int    `json:"count"`
	FirstRow     int    `json:"firstRow"`
	// Synthetic: the status is statusCreated, which a rebuilt history
	// starts with (from the Created date) when the file does not say which
	// status an item was created in.
	Synthetic bool `json:"synthetic,omitempty"`
}

// AmbiguousColumn is a date column whose values fit both day/month orders.
type AmbiguousColumn struct {
	Column   string   `json:"column"` // letter
	Header   string   `json:"header"`
	Examples []string `json:"examples"`
}
