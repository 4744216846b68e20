//go:build unix

package imports_test

import (
	"syscall"
	"time"
)

// cpuTime is the process's user and system CPU time so far: a measure that
// other processes on a busy machine disturb less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
