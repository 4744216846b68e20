package imports

import (
	"fmt"
	"strings"
)

// rowView is one buffered row in pass 2.
type rowView struct {
	m     *mapper
	num   int
	cells []Cell
	bad   bool
}

// text returns slot s's value, trimmed; "" when the slot is absent.
func (v *rowView) text(s int) string {
	if s < 0 {
		return ""
	}
	return strings.TrimSpace(v.cells[s].Text)
}

// first returns the first non-blank value of the slots, and its slot.
func (v *rowView) first(slots []int) (string, int) {
	for _, s := range slots {
		if t := v.text(s); t != "" {
			return t, s
		}
	}
	return "", -1
}

func (v *rowView) add(p Problem) {
	if p.Severity == SeverityError {
		v.bad = true
	}
	v.m.probs = append(v.m.probs, p)
}

// fail rejects the row with an error about slot s (-1: the whole row).
func (v *rowView) fail(s int, value, msg string) {
	v.add(v.m.problem(v.num, s, value, msg, SeverityError))
}

// warn adds a warning about slot s of the row.
func (v *rowView) warn(s int, value, msg string) {
	v.add(v.m.problem(v.num, s, value, msg, SeverityWarning))
}

// date parses date slot s. A blank cell is a zero Date. When required, a
// blank or unreadable value rejects the row; otherwise an unreadable value
// is a warning and the field is left empty. what names the field for the
// "missing" message ("the created date").
// addParsed adds a date or number cell's problem: it rejects the row when
// the row needs the value (what), else an error leaves the field empty
// with a warning.
func (v *rowView) addParsed(q Problem, required bool, what string) {
	switch {
	case required:
		q.Severity = SeverityError
		q.Message += fmt.Sprintf(" The row needs %s, so it is rejected.", what)
	case q.Severity == SeverityError:
		q.Severity = SeverityWarning
		q.Message += " The field is left empty."
	}
	v.add(q)
}

func (v *rowView) date(s int, required bool, what string) Date {
	if s < 0 {
		return Date{}
	}
	d, p := v.m.dates[s].Parse(v.num, v.cells[s])
	if p != nil {
		v.addParsed(*p, required, what)
		return Date{}
	}
	if d.IsZero() && required {
		v.fail(s, v.text(s), fmt.Sprintf("%s, but every row needs %s. Enter it, e.g. 2026-02-25.", noValue(v.text(s)), what))
	}
	return d
}

// noValue says why a required cell has no value: blank, or "n/a", "-"….
func noValue(raw string) string {
	if raw == "" {
		return "is empty"
	}
	return "stands for no value"
}

// number parses number slot s like date: ok is false when the cell is
// blank or unreadable (an error when required, else a warning).
func (v *rowView) number(s int, required bool, what string) (float64, bool) {
	n, ok := v.numberN(s, required, what)
	return n.Value, ok
}

// numberN is number with the parsed Number (Percent says "80%").
func (v *rowView) numberN(s int, required bool, what string) (Number, bool) {
	if s < 0 {
		return Number{}, false
	}
	n, p := v.m.nums[s].Parse(v.num, v.cells[s])
	if p != nil {
		v.addParsed(*p, required, what)
		return Number{}, false
	}
	if !n.Set {
		if required {
			v.fail(s, v.text(s), fmt.Sprintf("%s, but every row needs %s.", noValue(v.text(s)), what))
		}
		return Number{}, false
	}
	return n, true
}

// whole parses number slot s as a whole number within lo–hi.
func (v *rowView) whole(s int, required bool, what string, lo, hi int) (int, bool) {
	f, ok := v.number(s, required, what)
	if !ok {
		return 0, false
	}
	if f != float64(int(f)) || f < float64(lo) || f > float64(hi) {
		msg := fmt.Sprintf("is not a whole number from %d to %d; %s must be one.", lo, hi, what)
		if required {
			v.fail(s, v.text(s), msg)
		} else {
			v.warn(s, v.text(s), msg+" The field is left empty.")
		}
		return 0, false
	}
	return int(f), true
}
