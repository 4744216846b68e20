package metrics

import (
	"github.com/throughline/throughline/backend"
)

// OKRThresholds are the progress at or above which an objective is on track
// (PRODUCT §4.14: 0.7 for aspirational objectives, 1.0 for committed ones,
// configurable). A zero field means its default.
type OKRThresholds struct {
	Aspirational float64 `json:"aspirational"`
	Committed    float64 `json:"committed"`
}

// DefaultOKRThresholds returns the thresholds of PRODUCT §4.14.
func DefaultOKRThresholds() OKRThresholds { return OKRThresholds{Aspirational: 0.7, Committed: 1.0} }

// For returns the threshold for an objective of the given kind: the
// committed one for "committed" (any case), the aspirational one for any
// other kind, an empty kind included.
func (t OKRThresholds) For(kind string) float64 {
	def := DefaultOKRThresholds()
	if sameWord(kind, "committed") {
		if t.Committed == 0 {
			return def.Committed
		}
		return t.Committed
	}
	if t.Aspirational == 0 {
		return def.Aspirational
	}
	return t.Aspirational
}

// KeyResultProgress is kr's progress as of asOf (PRODUCT §4.14):
// (current − baseline) ÷ (target − baseline), clamped to 0–1. Current is the
// value of the latest update recorded on or before asOf; of two updates on
// the same day, the later one in updates wins. Updates of other key results
// and updates with an unreadable date are ignored. A decreasing key result
// (target below baseline) works the same way: the denominator is negative.
func KeyResultProgress(kr backend.KeyResult, updates []backend.KeyResultUpdate, asOf Day) Value {
	u, ok := latestKRUpdate(kr.ID, updates, asOf)
	if !ok {
		return NA("no value recorded")
	}
	return krProgress(kr, u.Value)
}

// latestKRUpdate returns the latest update of key result krID recorded on
// or before asOf; the later in the slice wins a tie.
func latestKRUpdate(krID int64, updates []backend.KeyResultUpdate, asOf Day) (backend.KeyResultUpdate, bool) {
	var best backend.KeyResultUpdate
	var bestDay Day
	found := false
	for _, u := range updates {
		if u.KeyResultID != krID {
			continue
		}
		d, err := ParseDay(u.RecordedOn)
		if err != nil || d > asOf {
			continue
		}
		if !found || d >= bestDay {
			best, bestDay, found = u, d, true
		}
	}
	return best, found
}

// krProgress is the clamped progress of kr at value current.
func krProgress(kr backend.KeyResult, current float64) Value {
	den := kr.Target - kr.Baseline
	if den == 0 {
		return NA("the key result's target equals its baseline")
	}
	return Of(min(max((current-kr.Baseline)/den, 0), 1))
}

// ObjectiveProgress is the progress of objective objectiveID as of asOf
// (PRODUCT §4.14): the mean of its key results' progress weighted by their
// Weight. Key results without a progress (no value recorded, target equal to
// baseline) are left out; negative weights count as 0. krs may hold the key
// results of other objectives too.
func ObjectiveProgress(objectiveID int64, krs []backend.KeyResult, updates []backend.KeyResultUpdate, asOf Day) Value {
	p, _ := newOKRIndex(krs, updates).objective(objectiveID, asOf)
	return p
}

// okrIndex groups key results by objective and updates by key result.
type okrIndex struct {
	krsOf     map[int64][]backend.KeyResult
	updatesOf map[int64][]backend.KeyResultUpdate
}

func newOKRIndex(krs []backend.KeyResult, updates []backend.KeyResultUpdate) okrIndex {
	ix := okrIndex{krsOf: map[int64][]backend.KeyResult{}, updatesOf: map[int64][]backend.KeyResultUpdate{}}
	for _, kr := range krs {
		ix.krsOf[kr.ObjectiveID] = append(ix.krsOf[kr.ObjectiveID], kr)
	}
	for _, u := range updates {
		ix.updatesOf[u.KeyResultID] = append(ix.updatesOf[u.KeyResultID], u)
	}
	return ix
}

// objective returns an objective's progress and its key results' nodes.
func (ix okrIndex) objective(id int64, asOf Day) (Value, []KRNode) {
	own := ix.krsOf[id]
	nodes := make([]KRNode, len(own))
	var sum, weights float64
	available := 0
	for i, kr := range own {
		kn := KRNode{ID: kr.ID, Title: kr.Title, Unit: kr.Unit, Baseline: kr.Baseline, Target: kr.Target, Weight: kr.Weight}
		if u, ok := latestKRUpdate(kr.ID, ix.updatesOf[kr.ID], asOf); ok {
			v := u.Value
			kn.Current, kn.RecordedOn = &v, u.RecordedOn
			kn.Progress = krProgress(kr, v)
		} else {
			kn.Progress = NA("no value recorded")
		}
		nodes[i] = kn
		if p, ok := kn.Progress.Float(); ok {
			available++
			w := max(kr.Weight, 0)
			sum += w * p
			weights += w
		}
	}
	switch {
	case len(own) == 0:
		return NA("the objective has no key results"), nodes
	case available == 0:
		return NA("no key result of the objective has a progress"), nodes
	}
	return Ratio(sum, weights, "the weights of the key results with a progress sum to 0"), nodes
}

// KRNode is a key result in the OKR tree.
type KRNode struct {
	ID         int64    `json:"id"`
	Title      string   `json:"title"`
	Unit       string   `json:"unit"`
	Baseline   float64  `json:"baseline"`
	Target     float64  `json:"target"`
	Weight     float64  `json:"weight"`
	Current    *float64 `json:"current"`     // latest value on or before as-of; nil when none
	RecordedOn string   `json:"recorded_on"` // the day Current was recorded; "" when none
	Progress   Value    `json:"progress"`
}

// ObjectiveNode is an objective in the OKR tree (PRODUCT §4.14).
type ObjectiveNode struct {
	ID     int64  `json:"id"`
	Title  string `json:"title"`
	Level  string `json:"level"`
	Kind   string `json:"kind"`
	Period string `json:"period"`
	// Progress is from the objective's own key results (ObjectiveProgress).
	Progress Value `json:"progress"`
	// OnTrack compares Progress with the threshold for Kind; nil when
	// Progress is unavailable.
	OnTrack *bool `json:"on_track"`
	// RollUp is the unweighted mean of the children's own Progress, over
	// the children that have one; unavailable without such children.
	RollUp     Value           `json:"roll_up"`
	KeyResults []KRNode        `json:"key_results"`
	Children   []ObjectiveNode `json:"children"`
}

// OKRTree builds the objective tree as of asOf (PRODUCT §4.14: "a parent's
// roll-up also shows its children"). Roots are the objectives without a
// parent, or whose parent is not among objectives; objectives keep their
// input order among siblings. Objectives caught in a parent cycle are
// attached as roots rather than lost.
func OKRTree(objectives []backend.Objective, krs []backend.KeyResult, updates []backend.KeyResultUpdate, asOf Day, th OKRThresholds) []ObjectiveNode {
	known := make(map[int64]bool, len(objectives))
	for _, o := range objectives {
		known[o.ID] = true
	}
	children := map[int64][]backend.Objective{}
	var roots []backend.Objective
	for _, o := range objectives {
		if o.ParentID == 0 || o.ParentID == o.ID || !known[o.ParentID] {
			roots = append(roots, o)
		} else {
			children[o.ParentID] = append(children[o.ParentID], o)
		}
	}
	ix := newOKRIndex(krs, updates)
	seen := map[int64]bool{}
	var build func(o backend.Objective) ObjectiveNode
	build = func(o backend.Objective) ObjectiveNode {
		seen[o.ID] = true
		n := ObjectiveNode{ID: o.ID, Title: o.Title, Level: o.Level, Kind: o.Kind, Period: o.Period, Children: []ObjectiveNode{}}
		n.Progress, n.KeyResults = ix.objective(o.ID, asOf)
		if p, ok := n.Progress.Float(); ok {
			on := p >= th.For(o.Kind)
			n.OnTrack = &on
		}
		var childProgress []Value
		for _, c := range children[o.ID] {
			if seen[c.ID] {
				continue
			}
			cn := build(c)
			childProgress = append(childProgress, cn.Progress)
			n.Children = append(n.Children, cn)
		}
		n.RollUp = okrMean(childProgress, "no child objective has a progress")
		return n
	}
	out := []ObjectiveNode{}
	for _, o := range roots {
		out = append(out, build(o))
	}
	for _, o := range objectives {
		if !seen[o.ID] { // in a parent cycle
			out = append(out, build(o))
		}
	}
	return out
}

// OKRProgress is the headline OKR progress of a set of objectives, e.g. all
// objectives of one level (the report's okr_progress): the unweighted mean
// of ObjectiveProgress over the objectives that have one.
func OKRProgress(objectives []backend.Objective, krs []backend.KeyResult, updates []backend.KeyResultUpdate, asOf Day) Value {
	if len(objectives) == 0 {
		return NA("no objectives")
	}
	ix := newOKRIndex(krs, updates)
	ps := make([]Value, len(objectives))
	for i, o := range objectives {
		ps[i], _ = ix.objective(o.ID, asOf)
	}
	return okrMean(ps, "no objective has a key result with a recorded value")
}

// okrMean is the plain mean of the available values, or NA(reason).
func okrMean(vs []Value, reason string) Value {
	var sum float64
	n := 0
	for _, v := range vs {
		if x, ok := v.Float(); ok {
			sum += x
			n++
		}
	}
	return Ratio(sum, float64(n), reason)
}
