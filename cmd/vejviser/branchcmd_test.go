package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// branchShell runs `vejviser branch args...` as the shell would.
func branchShell(t *testing.T, env func(string) string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err = run(context.Background(), append([]string{"branch"}, args...), env, &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestBranchCommand(t *testing.T) {
	db := newBotDB(t)
	fake := tgfake.New(tgfake.WithBotUser("RodeKorsBot"))
	t.Cleanup(fake.Close)
	env := envOf("TELEGRAM_BOT_TOKEN", "123456:fake-token", "TELEGRAM_API_URL", fake.URL())

	out, _, err := branchShell(t, env, "add", "herlev", "--name", "Røde Kors Herlev", "--name-ar", "الصليب الأحمر في Herlev", "--town", "Herlev", "--coordinator", "501", "-db", db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	store, err := storage.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	b, err := store.BranchByKey(ctx, "herlev")
	store.Close()
	if err != nil || b.NameFor("ar") != "الصليب الأحمر في Herlev" || b.Town != "Herlev" {
		t.Fatalf("stored %+v, %v", b, err)
	}
	if want := "https://t.me/RodeKorsBot?start=" + b.JoinCode; !strings.Contains(out, want) {
		t.Fatalf("add printed %q, want the link %s", out, want)
	}

	t.Run("refused with one line and exit 2", func(t *testing.T) {
		for name, args := range map[string][]string{
			"key with capitals": {"add", "Herlev2", "--name", "X"},
			"key too short":     {"add", "h", "--name", "X"},
			"existing key":      {"add", "herlev", "--name", "X"},
			"blank name":        {"add", "gladsaxe", "--name", "  "},
			"no name":           {"add", "gladsaxe"},
			"bad coordinator":   {"add", "gladsaxe", "--name", "G", "--coordinator", "abc"},
			"unknown branch":    {"rename", "nowhere", "--name", "X"},
			"rename to blank":   {"rename", "herlev", "--name", ""},
			"no change":         {"coordinators", "herlev"},
			"unknown command":   {"move", "herlev"},
			"unknown setting":   {"set", "herlev", "colour=red"},
			"setting too low":   {"set", "herlev", "ask_per_hour=0"},
			"setting no value":  {"set", "herlev", "ask_per_hour"},
		} {
			_, _, err := branchShell(t, env, append(args, "-db", db)...)
			var ce *configError
			if !errors.As(err, &ce) || strings.Contains(err.Error(), "\n") {
				t.Errorf("%s: %v", name, err)
			}
		}
	})

	t.Run("rename, coordinators, list", func(t *testing.T) {
		if _, _, err := branchShell(t, env, "rename", "herlev", "--name-en", "Red Cross Herlev", "-db", db); err != nil {
			t.Fatal(err)
		}
		if _, _, err := branchShell(t, env, "coordinators", "herlev", "--add", "502", "--remove", "501", "-db", db); err != nil {
			t.Fatal(err)
		}
		if _, _, err := branchShell(t, env, "set", "herlev", "ask_per_hour=5", "-db", db); err != nil {
			t.Fatal(err)
		}
		out, _, err := branchShell(t, env, "list", "-db", db)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		if len(lines) != 3 || !strings.HasPrefix(lines[1], "default") || !strings.HasPrefix(lines[2], "herlev") ||
			!strings.Contains(lines[2], "en: Red Cross Herlev") || !strings.Contains(lines[2], "(+1 not started)") ||
			!strings.Contains(lines[2], "https://t.me/RodeKorsBot?start="+b.JoinCode) || !strings.Contains(lines[2], "ask_per_hour=5") {
			t.Fatalf("list:\n%s", out)
		}
	})

	t.Run("a named coordinator joins as coordinator of that branch only", func(t *testing.T) {
		store, err := storage.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		m, err := store.Register(ctx, domain.Registration{ID: 502, ChatID: 502, DisplayName: "Lars", Language: "da", Role: domain.RoleParticipant, BranchID: b.ID}, time.Now())
		if err != nil || m.Role != domain.RoleCoordinator {
			t.Fatalf("%+v, %v", m, err)
		}
		if sc, _ := store.Scope(ctx, 502); sc.Has(domain.DefaultBranchID, domain.RoleParticipant) {
			t.Fatalf("Lars is in the first branch too: %+v", sc)
		}
	})
}
