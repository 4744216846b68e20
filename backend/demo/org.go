package demo

import (
	"fmt"
	"strconv"
	"time"

	"github.com/throughline/throughline/backend"
)

// programInfo is a program while the portfolio is generated.
type programInfo struct {
	idx         int
	id          int64
	spec        *programSpec
	tool        int   // where its epics live: its first team's tool
	teams       []int // team indices
	epicKeyNext int
	epicFrom    int // its epics in g.epics
	epicTo      int
}

// teamInfo is a team while the portfolio is generated: its workflow and the
// character of its flow, drawn once so each team's charts look different.
type teamInfo struct {
	idx      int
	id       int64
	program  int
	spec     *teamSpec
	tool     int
	scrum    bool
	names    workflow // the tool's statuses with this team's custom ones
	ready    []code
	services []int64

	weight         float64   // relative share of the portfolio's delivery items
	ctMedian       float64   // median cycle time in workdays
	ctFrom, ctTo   float64   // cycle-time multiplier at the start and end of the flow window
	tpFrom, tpTo   float64   // throughput multiplier at the start and end
	dipFrom, dipTo int32     // workdays of a throughput dip, -1 when none
	weekNoise      []float64 // week-to-week throughput noise
	bugShare       float64
	prodBugShare   float64 // share of its bugs found in production
	flagBlocked    float64 // chance an item is flagged blocked without a status change
	goalRate       float64 // chance a sprint goal is met
	planOffset     int32   // sprint planning, working minutes after 08:00
	sprintBase     int64   // ID of its first sprint minus one (scrum teams)
	deployWeight   float64
	cfr            float64 // change failure rate

	delivFrom, delivTo int // its items in g.delivery
	featFrom, featTo   int // its features in g.features
	keyNext            int // next Jira key number
}

// piInfo is one program increment.
type piInfo struct {
	id         int64
	label      string // "26.1"
	start, end int32  // days, inclusive
}

// slot is one two-week step of the common sprint cadence; every scrum team
// has one sprint per slot.
type slot struct {
	pi         int
	start, end int32 // days, inclusive
	planW      int32 // sprint planning, before the team's offset
	name       string
}

func (g *gen) buildCalendar() error {
	firstPI := lastPIStart.AddDate(0, 0, -piDays*(g.p.pis-1))
	flowStart := firstPI.AddDate(0, 0, -flowLeadDays)
	first := flowStart.AddDate(0, 0, -historyDays)
	last := lastPIStart.AddDate(0, 0, piDays+45)
	asOf, err := time.Parse(time.DateOnly, AsOf)
	if err != nil {
		return fmt.Errorf("parse AsOf: %w", err)
	}
	var hol []string
	for _, h := range portfolioHolidays {
		hol = append(hol, h.date)
	}
	if g.cal, err = newCalendar(first, last, asOf, hol); err != nil {
		return err
	}
	g.kFlow = g.cal.nextWork[g.cal.dayOf(flowStart)]
	g.kEnd = g.cal.asOfW/minutesPerWorkday + horizonWorkdays
	if g.kEnd >= g.cal.workdays() {
		return fmt.Errorf("timeline too short for a %d-workday horizon", horizonWorkdays)
	}
	return nil
}

func (g *gen) buildOrg() error {
	if g.p.programs > len(programSpecs) || g.p.teamsPerProgram > len(programSpecs[0].teams) {
		return fmt.Errorf("%d programs of %d teams asked, %d of %d known", g.p.programs, g.p.teamsPerProgram, len(programSpecs), len(programSpecs[0].teams))
	}
	ds := g.ds
	for i, th := range themeSpecs {
		ds.Themes = append(ds.Themes, backend.Theme{ID: int64(i + 1), Name: th.name, TargetShare: th.share, Description: th.description})
	}
	for pi := range g.p.programs {
		spec := &programSpecs[pi]
		prog := programInfo{idx: pi, id: int64(pi + 1), spec: spec, tool: spec.teams[0].tool, epicKeyNext: g.between(20, 140)}
		ds.Programs = append(ds.Programs, backend.Program{ID: prog.id, Name: spec.name, Description: spec.description})
		for ti := range g.p.teamsPerProgram {
			t := g.newTeam(len(g.teams), pi, &spec.teams[ti])
			prog.teams = append(prog.teams, t.idx)
			g.teams = append(g.teams, t)
			ds.Teams = append(ds.Teams, backend.Team{
				ID: t.id, ProgramID: prog.id, Name: t.spec.name, Framework: t.spec.framework,
				SprintLengthDays: sprintDays, WorkdayMask: 31, Tool: toolNames[t.tool],
				SourceKey: sourceKey(spec, t.spec), Lead: t.spec.lead,
			})
		}
		g.programs = append(g.programs, prog)
	}
	// Team sizes from a shuffled ladder: the biggest team does about two
	// and a half times the work of the smallest, whatever the seed.
	for i, rank := range g.r.Perm(len(g.teams)) {
		g.teams[i].weight = (0.6 + 0.9*float64(rank)/float64(max(len(g.teams)-1, 1))) * g.unif(0.95, 1.05)
	}
	g.buildHolidays()
	g.buildServices()
	g.buildCadence()
	var err error
	if ds.WorkflowMappings, err = workflowMappings(g.teams); err != nil {
		return err
	}
	return nil
}

// sourceKey is how the team is found in its tool: a Jira project key, an
// Azure DevOps area path or a Rally project name.
func sourceKey(p *programSpec, t *teamSpec) string {
	switch t.tool {
	case toolADO:
		return "Larkspur\\" + p.short + "\\" + t.key
	case toolRally:
		return p.short + " – " + t.key
	}
	return t.key
}

func (g *gen) newTeam(idx, program int, spec *teamSpec) teamInfo {
	t := teamInfo{
		idx: idx, id: int64(idx + 1), program: program, spec: spec, tool: spec.tool,
		scrum: spec.framework == "scrum", names: toolWorkflows[spec.tool], ready: readyCodes(spec.tool),
		dipFrom: -1, dipTo: -1,
	}
	for _, o := range teamOverrides {
		if o.team == spec.name {
			t.names[o.c] = o.name
		}
	}
	t.ctMedian = g.unif(3.0, 5.5)
	t.ctFrom, t.ctTo = g.unif(0.9, 1.35), g.unif(0.7, 1.1)
	// Most teams speed up over the year; every third one slows down, so the
	// portfolio view has both stories to tell.
	if idx%3 == 2 {
		t.tpFrom, t.tpTo = g.unif(1.1, 1.4), g.unif(0.6, 0.9)
	} else {
		t.tpFrom, t.tpTo = g.unif(0.6, 1.0), g.unif(0.9, 1.5)
	}
	span := g.kEnd - g.kFlow
	if idx%5 == 3 {
		t.dipFrom = g.kFlow + int32(g.unif(0.3, 0.7)*float64(span))
		t.dipTo = t.dipFrom + int32(g.between(10, 20))
	}
	t.weekNoise = make([]float64, span/5+2)
	for i := range t.weekNoise {
		t.weekNoise[i] = g.lognorm(1, 0.22)
	}
	t.bugShare = g.unif(0.1, 0.28)
	t.prodBugShare = g.unif(0.2, 0.4)
	t.flagBlocked = 0.035
	if t.tool == toolADO {
		t.flagBlocked = 0.12
	}
	t.goalRate = g.unif(0.55, 0.92)
	t.planOffset = int32(30 + 15*(idx%8))
	t.deployWeight = g.lognorm(1, 0.7)
	t.cfr = g.unif(0.05, 0.2)
	t.keyNext = g.between(1, 900)
	return t
}

func (g *gen) buildHolidays() {
	c := g.cal
	inRange := func(date string) bool { return date >= c.date[0] && date <= c.date[len(c.date)-1] }
	for _, h := range portfolioHolidays {
		if inRange(h.date) {
			g.ds.Holidays = append(g.ds.Holidays, backend.Holiday{Date: h.date, Name: h.name})
		}
	}
	for _, h := range teamHolidays {
		for i := range g.teams {
			if g.teams[i].spec.name == h.team && inRange(h.date) {
				g.ds.Holidays = append(g.ds.Holidays, backend.Holiday{TeamID: g.teams[i].id, Date: h.date, Name: h.name})
			}
		}
	}
}

// serviceSuffixes name a team's services after its slug.
var serviceSuffixes = [][]string{
	{"-api"}, {"-api", "-web"}, {"-service", "-worker"}, {"-api", "-web", "-jobs"}, {"-app", "-backend"},
}

func (g *gen) buildServices() {
	for i := range g.teams {
		t := &g.teams[i]
		for _, suffix := range serviceSuffixes[g.r.IntN(len(serviceSuffixes))] {
			id := int64(len(g.ds.Services) + 1)
			g.ds.Services = append(g.ds.Services, backend.Service{ID: id, Name: t.spec.slug + suffix, TeamID: t.id})
			t.services = append(t.services, id)
		}
	}
}

// buildCadence lays out the PIs (portfolio-wide), the sprint slots and the
// scrum teams' sprints. Goals are filled once the items exist.
func (g *gen) buildCadence() {
	c := g.cal
	g.piOfDay = make([]int16, c.days())
	g.slotDay = make([]int16, c.days())
	for d := range g.piOfDay {
		g.piOfDay[d], g.slotDay[d] = -1, -1
	}
	first := c.dayOf(lastPIStart) - int32(piDays*(g.p.pis-1))
	for i := range g.p.pis {
		start := first + int32(i*piDays)
		mid := c.first.AddDate(0, 0, int(start)+45)
		label := strconv.Itoa(mid.Year()%100) + "." + strconv.Itoa((int(mid.Month())-1)/3+1)
		pi := piInfo{id: int64(i + 1), label: label, start: start, end: start + piDays - 1}
		g.pis = append(g.pis, pi)
		g.ds.PIs = append(g.ds.PIs, backend.PI{ID: pi.id, Name: "PI " + label, StartDate: c.date[pi.start], EndDate: c.date[pi.end]})
		for d := pi.start; d <= pi.end; d++ {
			g.piOfDay[d] = int16(i)
		}
		for j := range sprintsPerPI {
			s := slot{pi: i, start: start + int32(j*sprintDays), name: "Sprint " + label + "." + strconv.Itoa(j+1)}
			s.end = s.start + sprintDays - 1
			s.planW = c.wOfDay(s.start)
			for d := s.start; d <= s.end; d++ {
				g.slotDay[d] = int16(len(g.slots))
			}
			g.slots = append(g.slots, s)
		}
	}
	for i := range g.teams {
		t := &g.teams[i]
		if !t.scrum {
			continue
		}
		t.sprintBase = int64(len(g.ds.Sprints))
		for _, s := range g.slots {
			g.ds.Sprints = append(g.ds.Sprints, backend.Sprint{
				ID: int64(len(g.ds.Sprints) + 1), TeamID: t.id, PIID: g.pis[s.pi].id, Name: s.name,
				StartDate: c.date[s.start], EndDate: c.date[s.end],
			})
		}
	}
	g.sprintFeature = make([]int32, len(g.ds.Sprints))
	for i := range g.sprintFeature {
		g.sprintFeature[i] = -1
	}
}

// piAt is the PI index of the day of working minute w, or -1.
func (g *gen) piAt(w int32) int {
	return int(g.piOfDay[g.cal.dayOfW(w)])
}

// currentPI is the index of the PI holding AsOf.
func (g *gen) currentPI() int { return int(g.piOfDay[g.cal.asOfDay]) }
