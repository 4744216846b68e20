package backend

// Stage is a canonical workflow stage. Every team's raw statuses are mapped
// onto these six (PRODUCT §3, workflow mapping).
type Stage string

// The canonical stages, in workflow order.
const (
	StageBacklog Stage = "backlog" // not yet committed to
	StageReady   Stage = "ready"   // committed, not started
	StageActive  Stage = "active"  // being worked on
	StageWaiting Stage = "waiting" // started but queued, in review wait or blocked
	StageDone    Stage = "done"    // finished
	StageRemoved Stage = "removed" // cancelled, won't do: never counts as done
)

// Stages lists the canonical stages in workflow order.
var Stages = []Stage{StageBacklog, StageReady, StageActive, StageWaiting, StageDone, StageRemoved}

// Valid reports whether s is one of the canonical stages.
func (s Stage) Valid() bool {
	for _, x := range Stages {
		if x == s {
			return true
		}
	}
	return false
}

// InProgress reports whether s counts as started and not finished: anything
// past ready and before done (PRODUCT §4.2).
func (s Stage) InProgress() bool { return s == StageActive || s == StageWaiting }
