package metrics

import (
	"encoding/json"
	"math"
)

// Value is a figure that may be unavailable. When it is not available it
// carries a reason instead (PRODUCT §4.18: division by zero is "n/a" with a
// reason, never NaN, Inf or 0). It encodes to JSON as a number or null.
type Value struct {
	v      float64
	ok     bool
	Reason string // why there is no value; empty when OK
}

// Of returns an available value. NaN and ±Inf are refused: they become
// unavailable values, so they can never reach a report.
func Of(v float64) Value {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return NA("the computation gave no finite number")
	}
	return Value{v: v, ok: true}
}

// NA returns an unavailable value with the reason.
func NA(reason string) Value { return Value{Reason: reason} }

// Ratio returns num ÷ den, or an unavailable value with reason when den is 0.
func Ratio(num, den float64, reason string) Value {
	if den == 0 {
		return NA(reason)
	}
	return Of(num / den)
}

// OK reports whether the value is available.
func (x Value) OK() bool { return x.ok }

// Float returns the value and whether it is available.
func (x Value) Float() (float64, bool) { return x.v, x.ok }

// Ptr returns a pointer to the value, or nil when unavailable.
func (x Value) Ptr() *float64 {
	if !x.ok {
		return nil
	}
	v := x.v
	return &v
}

// MarshalJSON encodes the value as a number, or null when unavailable.
func (x Value) MarshalJSON() ([]byte, error) {
	if !x.ok {
		return []byte("null"), nil
	}
	return json.Marshal(x.v)
}
