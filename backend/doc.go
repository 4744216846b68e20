// Package backend holds Throughline's domain: the types every other package
// speaks in (programs, teams, work items, status history, deployments,
// objectives…), the canonical workflow stages, and the application Error type.
//
// It imports only the standard library. Storage (backend/sqlite), importers,
// metrics, exports and the HTTP API live in their own packages around it.
package backend

// Version is the build's version, set at link time with
// -ldflags "-X github.com/throughline/throughline/backend.Version=v1.2.3".
var Version = "dev"
