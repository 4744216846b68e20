package imports

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Detection is what Detect found: the best-matching format, how sure it is,
// and which columns play which role.
type Detection struct {
	Format     Format  // FormatUnknown when no format has all its required columns
	Variant    string  // jira_history: "field-changes" or "status-dates"
	Confidence float64 // 0–1; at least 0.5 when Format is set
	// Roles maps each role found to column indexes (Header.Index). A
	// repeated column (Jira's Sprint, Labels) lists every column in column
	// order; a role with several candidate names (Jira's two story-point
	// fields) lists the preferred name first.
	Roles map[Role][]int
	// Stages lists a stage-date layout's stage columns in column order.
	Stages []int
	// Missing names the required columns the best match lacks (set when
	// Format is unknown).
	Missing []string
	// Others are the other formats that matched at all, best first.
	Others []Candidate
}

// Candidate is a format Detect considered.
type Candidate struct {
	Format     Format
	Variant    string
	Confidence float64
	Missing    []string // required columns not found
}

// Column returns the first column index of role, or -1.
func (d Detection) Column(r Role) int {
	if cols := d.Roles[r]; len(cols) > 0 {
		return cols[0]
	}
	return -1
}

// Detect names a table's format from its headers. sample (optional: a few
// data rows, Table.Sample) lets a stage-date layout with unknown stage names
// be recognised by its date columns.
//
// Each format lists roles with the header names that fill them (compared
// with NormalizeHeader, so case, spacing and punctuation do not matter).
// A format whose required roles are all present scores
//
//	0.5 + 0.2·(its signature names present, up to 2)
//	    + 0.1·(optional roles present, up to 4)
//	    + 0.2·(share of the table's named columns it explains)
//
// and one that lacks some scores below 0.5 (by the share of required
// roles found, to name the closest format in Err). The best score wins; a tie goes
// to the format listed first.
func Detect(headers []Header, sample []Row) (d Detection) {
	defer func() {
		if recover() != nil {
			d = Detection{Roles: map[Role][]int{}}
		}
	}()
	var all []Detection
	for _, s := range specs {
		all = append(all, s.match(headers, sample))
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Confidence > all[j].Confidence })
	var others []Candidate
	for _, c := range all {
		if c.Confidence > 0 {
			others = append(others, Candidate{Format: c.Format, Variant: c.Variant, Confidence: c.Confidence, Missing: c.Missing})
		}
	}
	if all[0].Confidence < 0.5 {
		return Detection{Roles: map[Role][]int{}, Missing: all[0].Missing, Others: others}
	}
	best := all[0]
	best.Missing = nil
	if len(others) > 1 {
		best.Others = others[1:]
	}
	return best
}

type hit struct{ idx, rank int }

func (s formatSpec) match(hs []Header, sample []Row) Detection {
	d := Detection{Format: s.format, Variant: s.variant, Roles: map[Role][]int{}}
	claimed := make([]bool, len(hs))
	named, claimedN := 0, 0
	for _, h := range hs {
		if h.Key() != "" {
			named++
		}
	}
	reqTotal, reqFound, optFound := 0, 0, 0
	for _, r := range s.roles {
		var hits []hit
		for i, h := range hs {
			if claimed[i] {
				continue
			}
			if rank := r.rank(h.Key()); rank >= 0 {
				hits = append(hits, hit{i, rank})
			}
		}
		if !r.multi {
			sort.SliceStable(hits, func(a, b int) bool { return hits[a].rank < hits[b].rank })
		}
		for _, h := range hits {
			claimed[h.idx] = true
			claimedN++
			d.Roles[r.role] = append(d.Roles[r.role], h.idx)
		}
		switch {
		case r.required:
			reqTotal++
			if len(hits) > 0 {
				reqFound++
			} else {
				d.Missing = append(d.Missing, r.display)
			}
		case len(hits) > 0:
			optFound++
		}
	}
	if len(s.anyOf) > 0 {
		reqTotal++
		var names []string
		found := false
		for _, role := range s.anyOf {
			found = found || len(d.Roles[role]) > 0
			names = append(names, s.display(role))
		}
		if found {
			reqFound++
		} else {
			d.Missing = append(d.Missing, strings.Join(names, " or "))
		}
	}
	sig := 0.0
	if s.format == FormatStages {
		for i, h := range hs {
			if !claimed[i] && h.Key() != "" && (stageSet[h.Key()] || (!knownNames[h.Key()] && columnOfDates(sample, i))) {
				d.Stages = append(d.Stages, i)
			}
		}
		d.Roles[RoleStage] = d.Stages
		claimedN += len(d.Stages)
		reqTotal++
		if len(d.Stages) >= 2 {
			reqFound++
			sig = min(1, float64(len(d.Stages)-1)/3)
		} else {
			d.Missing = append(d.Missing, "two or more stage columns (Backlog, In Progress, Done…)")
		}
	} else if n := min(2, len(s.signatures)); n > 0 {
		sig = min(1, float64(s.signaturesIn(hs))/float64(n))
	}
	coverage := 0.0
	if named > 0 {
		coverage = float64(claimedN) / float64(named)
	}
	if reqFound < reqTotal {
		// Below 0.5 whatever the rest: ranks the near misses for Err.
		d.Confidence = 0.3*float64(reqFound)/float64(reqTotal) + 0.1*sig + 0.05*coverage
		return d
	}
	d.Confidence = 0.5 + 0.2*sig + 0.1*min(1, float64(optFound)/4) + 0.2*coverage
	return d
}

// rank returns the priority of key among the role's names (0 best), or -1.
func (r roleSpec) rank(key string) int {
	if key == "" {
		return -1
	}
	for i, n := range r.names {
		if key == n {
			return i
		}
	}
	for _, p := range r.prefixes {
		if key == p || strings.HasPrefix(key, p+" ") {
			return len(r.names)
		}
	}
	return -1
}

func (s formatSpec) signaturesIn(hs []Header) int {
	n := 0
	for _, sig := range s.signatures {
		for _, h := range hs {
			k := h.Key()
			if k == sig || (strings.HasSuffix(sig, " ") && strings.HasPrefix(k, sig)) {
				n++
				break
			}
		}
	}
	return n
}

func (s formatSpec) display(role Role) string {
	for _, r := range s.roles {
		if r.role == role {
			return r.display
		}
	}
	return string(role)
}

// columnOfDates reports whether the sampled values of column i are all
// dates (Excel serials between 1954 and 2119, or text dates).
func columnOfDates(sample []Row, i int) bool {
	seen := 0
	for _, r := range sample {
		c := r.Cell(i)
		if c.Blank() {
			continue
		}
		seen++
		switch c.Kind {
		case CellNumber:
			v, err := strconv.ParseFloat(c.Text, 64)
			if err != nil || v < 20000 || v > 80000 {
				return false
			}
		case CellText:
			if !looksDate(c.Text) {
				return false
			}
		default:
			return false
		}
	}
	return seen > 0
}

// formatNames are the formats as a person calls them.
var formatNames = map[Format]string{
	FormatJira: "a Jira export", FormatJiraHistory: "a Jira history (changelog) table", FormatADO: "an Azure DevOps query export",
	FormatRally: "a Rally export", FormatStages: "a stage-dates table", FormatTemplate: "Throughline's items template",
	FormatDeployments: "a deployments log", FormatCommits: "a commits table", FormatIncidents: "an incidents export",
	FormatPIObjectives: "a PI objectives sheet", FormatOKRUpdates: "an OKR updates sheet", FormatBenefits: "a benefits sheet",
	FormatFeedback: "a CSAT/NPS sheet", FormatDependencies: "a dependencies sheet", FormatEpics: "an epics list",
	FormatTeams: "a team register", FormatSprints: "a sprints sheet",
}

// Err returns nil when a format was recognised, and otherwise a
// person-facing error naming the closest format, the columns it needs and
// the columns found, so the user can fix the header or map the columns.
func (d Detection) Err(file, sheet string, headers []Header) error {
	if d.Format != FormatUnknown {
		return nil
	}
	where := file
	if sheet != "" {
		where = fmt.Sprintf("%s, sheet %q", file, sheet)
	}
	var found []string
	for _, h := range headers {
		if h.Name != "" {
			found = append(found, h.Label())
		}
	}
	if len(found) > 12 {
		found = append(found[:12], "…")
	}
	if len(d.Others) == 0 || d.Others[0].Confidence == 0 {
		return userErr(nil, "%s: the columns were not recognised as any known export (found: %s). Map the columns yourself and save the mapping as a profile.",
			where, strings.Join(found, ", "))
	}
	c := d.Others[0]
	return userErr(nil, "%s: the columns were not recognised. The closest match is %s, which also needs: %s (found: %s). Rename those headers, or map the columns yourself.",
		where, formatNames[c.Format], strings.Join(c.Missing, ", "), strings.Join(found, ", "))
}
