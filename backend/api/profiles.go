package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/throughline/throughline/backend"
	"github.com/throughline/throughline/backend/imports"
	"github.com/throughline/throughline/backend/sqlite"
)

// Column-mapping profiles (PRODUCT §7: "any other table through a column
// mapping the user saves as a named profile and reuses"):
//
//	GET    /api/import/formats          the formats and the roles their columns can play
//	GET    /api/mappings/profiles       the saved profiles
//	PUT    /api/mappings/profiles       save one {"name","format","columns":{header: role}} (POST too)
//	DELETE /api/mappings/profiles/{name}

// maxProfileName caps a profile's name (characters).
const maxProfileName = 80

// mappingProfile is a profile as the API shows it.
type mappingProfile struct {
	Name    string                  `json:"name"`
	Format  imports.Format          `json:"format"`
	Columns map[string]imports.Role `json:"columns"`
	// Problem says why a stored profile cannot be used as it is (written
	// by an older version, edited by hand); "" when it can.
	Problem string `json:"problem,omitempty"`
}

func (s *Server) importFormats(w http.ResponseWriter, r *http.Request) {
	s.ok(w, map[string]any{"formats": imports.Formats()})
}

func (s *Server) mappingProfiles(w http.ResponseWriter, r *http.Request) {
	out := []mappingProfile{}
	err := s.ws.With(func(db *sqlite.DB, _ uint64) error {
		names, err := db.MappingProfileNames(r.Context())
		if err != nil {
			return err
		}
		for _, name := range names {
			js, err := db.MappingProfile(r.Context(), name)
			if err != nil {
				return err
			}
			out = append(out, storedProfile(name, js))
		}
		return nil
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names := make([]string, len(out))
	for i, p := range out {
		names[i] = p.Name
	}
	s.ok(w, map[string]any{"names": names, "profiles": out})
}

// storedProfile reads a stored profile's JSON; the stored name wins over
// the one inside.
func storedProfile(name, js string) mappingProfile {
	var p imports.Profile
	if err := json.Unmarshal([]byte(js), &p); err != nil {
		return mappingProfile{Name: name, Columns: map[string]imports.Role{},
			Problem: fmt.Sprintf("The mapping profile %q cannot be read (%v); map the columns again and save it under the same name.", name, err)}
	}
	p.Name = name
	out := mappingProfile{Name: name, Format: p.Format, Columns: p.Columns}
	if out.Columns == nil {
		out.Columns = map[string]imports.Role{}
	}
	if err := imports.CheckProfile(p); err != nil {
		out.Problem = backend.ErrorMessage(err)
	}
	return out
}

// saveMappingProfile: PUT or POST /api/mappings/profiles. A name that
// differs from a saved one only in case replaces it (names are looked up
// ignoring case) and keeps the saved spelling.
func (s *Server) saveMappingProfile(w http.ResponseWriter, r *http.Request) {
	var p imports.Profile
	if err := decode(r, w, &p); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Name = strings.TrimSpace(p.Name)
	if err := checkProfileName(p.Name); err != nil {
		s.fail(w, r, err)
		return
	}
	p.Columns = mappedColumns(p.Columns)
	if err := imports.CheckProfile(p); err != nil {
		s.fail(w, r, err)
		return
	}
	err := s.ws.With(func(db *sqlite.DB, _ uint64) error {
		names, err := db.MappingProfileNames(r.Context())
		if err != nil {
			return err
		}
		for _, n := range names {
			if strings.EqualFold(n, p.Name) {
				p.Name = n
			}
		}
		js, err := json.Marshal(p)
		if err != nil {
			return fmt.Errorf("encode mapping profile %q: %w", p.Name, err)
		}
		return db.SaveMappingProfile(r.Context(), p.Name, string(js))
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, map[string]any{"profile": mappingProfile{Name: p.Name, Format: p.Format, Columns: p.Columns}})
}

// deleteMappingProfile: DELETE /api/mappings/profiles/{name}
func (s *Server) deleteMappingProfile(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	if err := s.ws.With(func(db *sqlite.DB, _ uint64) error { return db.DeleteMappingProfile(r.Context(), name) }); err != nil {
		s.fail(w, r, err)
		return
	}
	s.ok(w, map[string]any{"deleted": name})
}

func checkProfileName(name string) error {
	switch {
	case name == "":
		return backend.Errorf(backend.EInvalid, "A mapping profile needs a name: type one under “Save as profile”, such as the team or the tool the sheet comes from.")
	case utf8.RuneCountInString(name) > maxProfileName:
		return backend.Errorf(backend.EInvalid, "The profile name %q is longer than %d characters; choose a shorter one.", name, maxProfileName)
	case strings.ContainsFunc(name, func(r rune) bool { return r < ' ' || r == 0x7f }):
		return backend.Errorf(backend.EInvalid, "The profile name %q has a line break or a control character; type it on one line.", name)
	}
	return nil
}

// mappedColumns drops the columns given no role (left out of the import).
func mappedColumns(cols map[string]imports.Role) map[string]imports.Role {
	out := make(map[string]imports.Role, len(cols))
	for h, r := range cols {
		if r != "" {
			out[h] = r
		}
	}
	return out
}

// inlineProfile reads the column mapping sent with an import (the multipart
// field "profile", a profile not saved yet) and checks it.
func inlineProfile(js string) (*imports.Profile, error) {
	dec := json.NewDecoder(bytes.NewReader([]byte(js)))
	dec.DisallowUnknownFields()
	var p imports.Profile
	if err := dec.Decode(&p); err != nil {
		return nil, backend.Errorf(backend.EInvalid, "The column mapping sent with the file is not valid JSON (%v); map the columns again.", err)
	}
	p.Name = strings.TrimSpace(p.Name)
	p.Columns = mappedColumns(p.Columns)
	if err := imports.CheckProfile(p); err != nil {
		return nil, err
	}
	return &p, nil
}
