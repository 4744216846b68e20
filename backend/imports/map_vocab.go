package imports

import (
	"fmt"
	"strings"
	"unicode"
)

// vocab is one field's allowed values and the spellings files use for
// them. Values are compared ignoring case, and spaces, '-', '_', '.' and
// '/' all count as one separator ("Rolled-back" is "rolled back").
type vocab struct {
	field   string            // "outcome", for messages
	allowed string            // "success, failed or rolled back", for messages
	words   map[string]string // spelling (wordKey) → stored value
	// firstWord also accepts a value by its first word ("prod-eu" is
	// production), for environments named with a region or suffix.
	firstWord bool
}

func newVocab(field, allowed string, pairs ...string) vocab {
	v := vocab{field: field, allowed: allowed, words: map[string]string{}}
	for i := 0; i < len(pairs); i += 2 {
		for _, n := range strings.Split(pairs[i], "|") {
			v.words[wordKey(n)] = pairs[i+1]
		}
	}
	return v
}

// wordKey lowers s and joins its words (runs of letters and digits) with
// single spaces.
func wordKey(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }), " ")
}

// get returns the stored value of s.
func (vc vocab) get(s string) (string, bool) {
	k := wordKey(s)
	if w, ok := vc.words[k]; ok {
		return w, true
	}
	if vc.firstWord {
		if f, _, ok := strings.Cut(k, " "); ok {
			w, ok := vc.words[f]
			return w, ok
		}
	}
	return "", false
}

// The vocabularies of record fields (product behaviour: values outside
// them reject the row, naming the allowed values).
var (
	outcomes = newVocab("outcome", "success, failed or rolled back",
		"success|succeeded|successful|succeed|ok|passed|pass|deployed|completed|complete|done", "success",
		"failed|failure|fail|error|errored|broken", "failed",
		"rolled back|rollback|rolledback|roll back|rolled_back|reverted|revert", "rolled_back")
	environments = vocab{field: "environment", allowed: "production, staging, test or development (prod, stage, qa, uat, dev… are understood)", firstWord: true,
		words: newVocab("", "", "production|prod|prd|live", "production", "staging|stage|stg|preprod|pre prod|pre production|preproduction", "staging",
			"test|testing|qa|uat|sit|int|integration|acceptance", "test", "development|dev|sandbox", "development").words}
	severities = newVocab("severity", "critical, high, medium or low (1–4, P1–P4, Sev1–Sev4 are understood)",
		"critical|blocker|urgent|highest|1|p1|sev1|sev 1|s1", "critical", "high|major|2|p2|sev2|sev 2|s2", "high",
		"medium|moderate|normal|3|p3|sev3|sev 3|s3", "medium", "low|minor|trivial|lowest|planning|4|5|p4|p5|sev4|sev 4|s4|sev5|s5", "low")
	depStates = newVocab("state", "requested, committed, resolved or blocked",
		"requested|open|new|proposed|pending|raised|identified|to do", "requested", "committed|accepted|agreed|planned|in progress", "committed",
		"resolved|done|closed|delivered|completed|complete|fixed", "resolved", "blocked|impeded|on hold", "blocked")
	risks      = newVocab("risk", "low, medium or high", "low|l|minor", "low", "medium|med|m|moderate", "medium", "high|h|critical|major", "high")
	tools      = newVocab("tool", "jira, ado, rally or sheet", "jira", "jira", "ado|azure devops|azure boards|vsts|tfs|azure", "ado", "rally|agile central|ca agile central", "rally", "sheet|spreadsheet|excel|template|sheets", "sheet")
	frameworks = newVocab("framework", "scrum or kanban", "scrum", "scrum", "kanban", "kanban")
	feedbacks  = newVocab("kind", "CSAT or NPS", "csat|customer satisfaction|satisfaction", "csat", "nps|net promoter score|net promoter", "nps")
)

// severityOf reads a severity, including ServiceNow's "1 - Critical" and
// "3 - Moderate" (the number decides).
func severityOf(s string) (string, bool) {
	if w, ok := severities.get(s); ok {
		return w, true
	}
	if f, _, ok := strings.Cut(wordKey(s), " "); ok {
		return severities.get(f)
	}
	return "", false
}

// yesNo reads a yes/no value: yes, y, true, 1, x, ✓ (and ja, oui, sí) or
// no, n, false, 0 (nein, non, nee).
func yesNo(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1", "x", "✓", "✔", "ja", "oui", "sí", "si", "wahr":
		return true, true
	case "no", "n", "false", "0", "nein", "non", "nee", "falsch":
		return false, true
	}
	return false, false
}

// word reads slot s through vc: "" for a blank cell (an error when
// required), the stored value, or an error naming the allowed values.
func (v *rowView) word(s int, vc vocab, required bool) string {
	raw := v.text(s)
	if raw == "" {
		if required {
			v.fail(s, "", fmt.Sprintf("is empty, but every row needs its %s: %s.", vc.field, vc.allowed))
		}
		return ""
	}
	get := vc.get
	if vc.field == "severity" {
		get = severityOf
	}
	w, ok := get(raw)
	if !ok {
		v.fail(s, raw, fmt.Sprintf("is not a known %s; use %s.", vc.field, vc.allowed))
	}
	return w
}

// required reads a text slot every row needs.
func (v *rowView) required(s int, what string) string {
	t := v.text(s)
	if t == "" {
		v.fail(s, "", fmt.Sprintf("is empty, but every row needs %s. Fill it in, or delete the row.", what))
	}
	return t
}

// splitList splits a list cell ("payments-api, refunds-ui") on commas,
// semicolons and line breaks.
func splitList(s string) []string {
	var out []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
