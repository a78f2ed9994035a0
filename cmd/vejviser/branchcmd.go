package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"vejviser/locales"
	"vejviser/storage"
	"vejviser/storage/domain"
)

const branchUsage = `Usage: vejviser branch COMMAND [-db FILE] ...

Manages the branches (local Red Cross groups) one bot serves, in the
database of a running bot. Each branch has its own members, activities,
events, shifts, questions and reports; nobody sees another branch's.

  vejviser branch add KEY --name "Røde Kors Herlev" [--name-ar …] [--name-ti …] [--name-en …]
                      [--town Herlev] [--hidden] [--coordinator TELEGRAM_ID]...
      creates a branch and prints its join link (people who open it join the
      branch; the coordinators named become its coordinators when they start
      the bot). KEY is 2-32 of a-z, 0-9 and -; it names the branch in plans and
      commands (--branch KEY), never to members.
  vejviser branch list
      every branch: key, names, members per role, join link
  vejviser branch rename KEY [--name …] [--name-ar …] [--name-ti …] [--name-en …]
      changes the names given (--name-ar "" removes the Arabic name)
  vejviser branch coordinators KEY [--add TELEGRAM_ID]... [--remove TELEGRAM_ID]...
      names or un-names coordinators (one who is removed stays a volunteer)
  vejviser branch set KEY NAME=VALUE...
      the branch's own value of a setting that otherwise comes from the
      environment ("NAME=" goes back to it): ask_per_hour (1-1000, else
      VEJVISER_ASK_PER_HOUR), checkin_days (7-60, else 14: how often a
      network family's match is asked "have you met?"), shift_alert_days
      (1-30, else VEJVISER_SHIFT_ALERT_DAYS), shift_late_hours (0-336, else
      VEJVISER_SHIFT_LATE_HOURS)

The join link needs the bot's username: with TELEGRAM_BOT_TOKEN set it is
asked from Telegram; without, the link is printed with <bot> in its place.
Bad input is refused with one line and exit status 2.
`

// branchArgs is what the branch command's own flags say.
type branchArgs struct {
	names        domain.Texts
	town         string
	hidden       bool
	add, remove  []int64
	positional   []string
	configFlags  []string
	nameGiven    bool
	otherChanged bool
}

// parseBranchArgs takes the branch command's own flags out of args and
// leaves the configuration's (-db, -api-url…) for loadConfig.
func parseBranchArgs(args []string) (branchArgs, error) {
	a := branchArgs{names: domain.Texts{}}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			a.positional = append(a.positional, arg)
			continue
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if name == "hidden" {
			a.hidden = true
			continue
		}
		if name == "h" || name == "help" {
			return a, errHelp
		}
		if !hasValue {
			if i+1 >= len(args) {
				return a, &configError{name: "branch", msg: fmt.Sprintf("-%s needs a value", name)}
			}
			i++
			value = args[i]
		}
		switch {
		case name == "name":
			a.names["da"], a.nameGiven = value, true
		case strings.HasPrefix(name, "name-") && locales.Supported(strings.TrimPrefix(name, "name-")) && name != "name-da":
			a.names[strings.TrimPrefix(name, "name-")], a.otherChanged = value, true
		case name == "town":
			a.town = value
		case name == "coordinator" || name == "add" || name == "remove":
			id, err := strconv.ParseInt(strings.TrimSpace(value), 10, 64)
			if err != nil || id <= 0 {
				return a, &configError{name: "branch", msg: fmt.Sprintf("%q is not a Telegram ID (a positive number)", value)}
			}
			if name == "remove" {
				a.remove = append(a.remove, id)
			} else {
				a.add = append(a.add, id)
			}
		default:
			a.configFlags = append(a.configFlags, "-"+name, value)
		}
	}
	return a, nil
}

// errHelp asks for the usage.
var errHelp = errors.New("help")

// branchCmd is `vejviser branch …`.
func branchCmd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	a, err := parseBranchArgs(args)
	if errors.Is(err, errHelp) || (err == nil && len(a.positional) == 0) {
		fmt.Fprint(stdout, branchUsage)
		if err == nil {
			return &configError{name: "branch", msg: "which command? add, list, rename or coordinators"}
		}
		return nil
	}
	if err != nil {
		return err
	}
	cfg, _, err := loadConfig(getenv, a.configFlags, "branch", false, stderr)
	if err != nil {
		return err
	}
	sub, rest := a.positional[0], a.positional[1:]
	want := 1
	switch sub {
	case "list":
		want = 0
	case "set":
		want = max(2, len(rest))
	}
	if len(rest) != want {
		return &configError{name: "branch " + sub, msg: "give exactly one branch KEY (see vejviser branch --help)"}
	}
	switch sub {
	case "add", "list", "rename", "coordinators", "set":
	default:
		return &configError{name: "branch", msg: fmt.Sprintf("unknown command %q: add, list, rename, coordinators or set", sub)}
	}
	store, err := openAdmin(ctx, cfg.DB, false)
	if err != nil {
		return err
	}
	defer store.Close()
	err = runBranch(ctx, store, cfg, sub, rest, a, stdout)
	return branchError(sub, err)
}

func runBranch(ctx context.Context, store *storage.Store, cfg config, sub string, rest []string, a branchArgs, stdout io.Writer) error {
	switch sub {
	case "add":
		b, err := store.AddBranch(ctx, domain.NewBranch{Key: rest[0], Names: a.names, Town: strings.TrimSpace(a.town), Hidden: a.hidden, Coordinators: a.add}, time.Now())
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Branch %s (%s) created. Its join link:\n%s\n", b.Key, b.Name, joinLink(ctx, cfg, b.JoinCode))
		return nil
	case "rename":
		if !a.nameGiven && !a.otherChanged {
			return &configError{name: "branch rename", msg: "which name? --name, --name-ar, --name-ti or --name-en"}
		}
		b, err := store.RenameBranch(ctx, rest[0], a.names)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Branch %s is now named %s.\n", b.Key, branchNames(b))
		return nil
	case "set":
		for _, kv := range rest[1:] {
			name, value, ok := strings.Cut(kv, "=")
			if !ok {
				return &configError{name: "branch set", msg: fmt.Sprintf("%q: write NAME=VALUE (settings: %s)", kv, strings.Join(domain.BranchSettingNames(), ", "))}
			}
			if err := store.SetBranchSetting(ctx, rest[0], name, value); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "Branch %s: %d setting(s) changed.\n", rest[0], len(rest)-1)
		return nil
	case "coordinators":
		if len(a.add)+len(a.remove) == 0 {
			return &configError{name: "branch coordinators", msg: "give --add TELEGRAM_ID or --remove TELEGRAM_ID"}
		}
		if err := store.SetBranchCoordinators(ctx, rest[0], a.add, a.remove, time.Now()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Coordinators of %s: %d named, %d removed.\n", rest[0], len(a.add), len(a.remove))
		return nil
	}
	return listBranches(ctx, store, cfg, stdout)
}

// listBranches prints every branch with its members per role and join link.
func listBranches(ctx context.Context, store *storage.Store, cfg config, stdout io.Writer) error {
	bs, err := store.Branches(ctx)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "KEY\tNAMES\tPARTICIPANTS\tVOLUNTEERS\tCOORDINATORS\tJOIN LINK\tOWN SETTINGS")
	for _, b := range bs {
		coords := strconv.Itoa(b.Coordinators)
		if b.Pending > 0 {
			coords += fmt.Sprintf(" (+%d not started)", b.Pending)
		}
		hidden := ""
		if b.Hidden {
			hidden = " (hidden)"
		}
		var own []string
		for _, n := range domain.BranchSettingNames() {
			if v := b.Settings[n]; v != "" {
				own = append(own, n+"="+v)
			}
		}
		fmt.Fprintf(w, "%s%s\t%s\t%d\t%d\t%s\t%s\t%s\n", b.Key, hidden, branchNames(b.Branch), b.Participants, b.Volunteers, coords, joinLink(ctx, cfg, b.JoinCode), strings.Join(own, " "))
	}
	return w.Flush()
}

// branchNames is "Røde Kors Herlev / ar: … / en: …".
func branchNames(b domain.Branch) string {
	parts := []string{b.Name}
	for _, lang := range locales.Languages {
		if n := b.Names[lang]; n != "" && lang != "da" {
			parts = append(parts, lang+": "+n)
		}
	}
	return strings.Join(parts, " / ")
}

// branchError turns the refusals of the branch rules into one line with exit
// status 2.
func branchError(sub string, err error) error {
	for _, e := range []error{domain.ErrBranchKey, domain.ErrBranchExists, domain.ErrBranchName, domain.ErrNotFound, domain.ErrLastCoordinator, domain.ErrBranchSetting} {
		if errors.Is(err, e) {
			msg := e.Error()
			if e == domain.ErrNotFound {
				msg = "no branch with that key (see vejviser branch list)"
			}
			return &configError{name: "branch " + sub, msg: msg}
		}
	}
	return err
}

// joinLink is the branch's join link. The bot's username comes from
// Telegram when the token is set; without it the link says <bot>.
func joinLink(ctx context.Context, cfg config, code string) string {
	user := "<bot>"
	if cfg.Token != "" {
		if u, err := botUsername(ctx, cfg); err == nil {
			user = u
		}
	}
	return "https://t.me/" + user + "?start=" + code
}

// botUsername asks Telegram (getMe) for the bot's username.
func botUsername(ctx context.Context, cfg config) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimRight(cfg.APIURL, "/")+"/bot"+cfg.Token+"/getMe", nil)
	if err != nil {
		return "", err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", errors.New("getMe failed") // the error would carry the URL, and with it the token
	}
	defer resp.Body.Close()
	var me struct {
		OK     bool `json:"ok"`
		Result struct {
			Username string `json:"username"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&me); err != nil || !me.OK || me.Result.Username == "" {
		return "", errors.New("getMe gave no username")
	}
	return me.Result.Username, nil
}
