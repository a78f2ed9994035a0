package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"vejviser/bot"
	"vejviser/bot/outbox"
	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// The demo's three people, one per role. Amina has not started yet, so the
// demo opens with onboarding in Arabic (her Telegram is set to Arabic).
var demoUsers = []struct {
	key  string
	user tgfake.User
	role domain.Role
}{
	{"participant", tgfake.User{ID: 1001, FirstName: "Amina", LanguageCode: "ar"}, domain.RoleParticipant},
	{"volunteer", tgfake.User{ID: 1002, FirstName: "Lars", LanguageCode: "da"}, domain.RoleVolunteer},
	{"coordinator", tgfake.User{ID: 1003, FirstName: "Mette", LanguageCode: "da"}, domain.RoleCoordinator},
	{"herlev", tgfake.User{ID: 1004, FirstName: "Sofie", LanguageCode: "da"}, domain.RoleCoordinator}, // Herlev's, seeded by seedHerlev
}

// demo runs the real bot against the in-process fake Telegram and lets the
// terminal chat with it as a participant, a volunteer or a coordinator.
func demo(ctx context.Context, cfg config, keepDB bool, stdin io.Reader, stdout, stderr io.Writer) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	dir, err := os.MkdirTemp("", "vejviser-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	if !keepDB {
		cfg.DB = filepath.Join(dir, "demo.db")
	} else if err := demoDB(ctx, cfg.DB); err != nil {
		return err
	}
	fake := tgfake.New()
	defer fake.Close()
	cfg.Token, cfg.APIURL = fake.Token(), fake.URL()
	cfg.Coordinators, cfg.WebhookURL = []int64{1003}, ""
	if cfg.Branch == "default" {
		cfg.Branch = "ballerup"
	}

	store, err := storage.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	if err := seedDemo(ctx, store, fake, time.Now()); err != nil {
		store.Close()
		return err
	}
	store.Close()

	logFile, err := os.Create(filepath.Join(dir, "bot.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	log := slog.New(slog.NewTextHandler(logFile, nil))
	ready := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		done <- serve(ctx, cfg, log, &hooks{
			poll: 2 * time.Second, progressEvery: time.Second,
			ready: func(*bot.App, *storage.Store, *outbox.Sender) { close(ready) },
		})
	}()
	select {
	case <-ready:
	case err := <-done:
		return err
	}

	t := &terminal{fake: fake, out: stdout, dir: dir, seen: map[int64]map[int]int{}}
	fmt.Fprintln(stdout, "Vejviser demo: the real bot, a fake Telegram, a sample Ballerup plan.")
	fmt.Fprintln(stdout, "Type a message or a /command. Type a number to press that button. Switch person with")
	fmt.Fprintln(stdout, ":as participant | :as volunteer | :as coordinator. :help repeats this, :quit ends.")
	fmt.Fprintln(stdout, ":voice sends a voice message, :location a location. Try \"Ask us\": as Amina write a question")
	fmt.Fprintln(stdout, "(أين المقهى؟), then :as coordinator, press 💬 Reply and answer as Mette; :as participant shows the answer.")
	fmt.Fprintln(stdout, "Two branches: Ballerup (Mette coordinates) and Herlev (its own café); Lars volunteers in both —")
	fmt.Fprintln(stdout, "as Lars try /shifts and /branch. :as herlev is Sofie, Herlev's coordinator, who sees only Herlev.")
	fmt.Fprintln(stdout, "Network families: as Mette /matches, open the family, 🤝 propose Lars; :as volunteer, ✅; :as coordinator,")
	fmt.Fprintln(stdout, "record the family's ✅ from the phone call: both get their introduction.")
	t.switchTo(0)
	go t.watch(ctx)

	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdin)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	err = t.loop(ctx, cancel, lines, done)
	if keepDB && err == nil {
		fmt.Fprintf(stdout, demoKept, cfg.DB)
	}
	return err
}

// demoKept is what the demo says on leaving when --db kept its database.
const demoKept = `
The demo's database is kept in %[1]s. Try the admin commands on it:
  vejviser report -db %[1]s --from 01.01.2026 --to 31.12.2026 --format text
  vejviser import -db %[1]s --dry-run plan.toml   (shows what it would change; then without --dry-run)
  vejviser broadcast -db %[1]s --audience activity:tal-dansk --text "Hej!"
and vejviser demo again with a new --db file to start over.
`

// demoDB checks the file the demo was asked to keep its database in: a new
// one (or an empty file), never an existing database, which the demo's
// sample people and plan would mix into.
func demoDB(ctx context.Context, path string) error {
	kind, err := storage.Kind(ctx, path)
	if errors.Is(err, storage.ErrNoDatabase) || (err == nil && kind == storage.FileEmpty) {
		return nil
	}
	if err != nil {
		return &configError{name: "-db", msg: err.Error()}
	}
	return &configError{name: "-db", msg: fmt.Sprintf("%s already exists; the demo starts a new database from its sample plan: give it a new file", path)}
}

// loop reads the terminal until :quit, the end of the input, or the bot stopping.
func (t *terminal) loop(ctx context.Context, cancel context.CancelFunc, lines <-chan string, done <-chan error) error {
	for {
		select {
		case <-ctx.Done():
			return <-done
		case err := <-done:
			return err
		case line, ok := <-lines:
			if !ok {
				time.Sleep(300 * time.Millisecond) // let the last replies show
				cancel()
				return <-done
			}
			if quit := t.input(strings.TrimSpace(line)); quit {
				cancel()
				return <-done
			}
		}
	}
}

// terminal renders one simulated user's chat and turns typing into updates.
type terminal struct {
	mu      sync.Mutex
	fake    *tgfake.Server
	out     io.Writer
	dir     string
	current int
	seen    map[int64]map[int]int // chat → message id → edits shown
}

func (t *terminal) user() tgfake.User {
	t.mu.Lock()
	defer t.mu.Unlock()
	return demoUsers[t.current].user
}

func (t *terminal) switchTo(i int) {
	t.mu.Lock()
	t.current = i
	u := demoUsers[i]
	t.mu.Unlock()
	fmt.Fprintf(t.out, "\n── You are now %s (%s, Telegram language %q) ──\n", u.user.FirstName, u.key, u.user.LanguageCode)
	if i == 0 {
		fmt.Fprintln(t.out, "Amina has not started the bot yet: type /start.")
	}
}

func (t *terminal) input(line string) (quit bool) {
	switch {
	case line == "":
		return false
	case line == ":quit" || line == ":q":
		return true
	case line == ":help":
		fmt.Fprintln(t.out, "Type text or /commands; a number presses a button; :voice, :location; :as participant|volunteer|coordinator; :quit.")
		return false
	case line == ":voice":
		t.fake.SendMedia(t.user(), tgfake.Media{Voice: 5})
		fmt.Fprintln(t.out, "  (you sent a voice message of 5 seconds)")
		return false
	case line == ":location":
		t.fake.SendMedia(t.user(), tgfake.Media{Location: &[2]float64{55.7316, 12.3633}}) // Ballerup Bibliotek
		fmt.Fprintln(t.out, "  (you sent your location)")
		return false
	case strings.HasPrefix(line, ":as"):
		who := strings.TrimSpace(strings.TrimPrefix(line, ":as"))
		for i, u := range demoUsers {
			if u.key == who || strings.EqualFold(u.user.FirstName, who) {
				t.switchTo(i)
				return false
			}
		}
		fmt.Fprintln(t.out, "Who? participant, volunteer or coordinator.")
		return false
	}
	u := t.user()
	if n, err := strconv.Atoi(line); err == nil {
		t.press(u, n)
		return false
	}
	t.fake.SendText(u, line)
	return false
}

// press presses button n (1-based) of the newest message that has buttons.
func (t *terminal) press(u tgfake.User, n int) {
	msgs := t.fake.Messages(u.ID)
	for i := len(msgs) - 1; i >= 0; i-- {
		var flat []tgfake.Button
		for _, r := range msgs[i].Buttons {
			flat = append(flat, r...)
		}
		if len(flat) == 0 {
			continue
		}
		if n < 1 || n > len(flat) {
			fmt.Fprintf(t.out, "There is no button %d (1 to %d).\n", n, len(flat))
			return
		}
		b := flat[n-1]
		if b.URL != "" {
			fmt.Fprintf(t.out, "(that button opens %s)\n", b.URL)
			return
		}
		id := t.fake.PressButton(u, msgs[i].ID, b.Data)
		go func() {
			if t.fake.WaitFor(3*time.Second, func() bool { _, _, ok := t.fake.CallbackAnswer(id); return ok }) {
				if text, alert, _ := t.fake.CallbackAnswer(id); text != "" {
					kind := "note"
					if alert {
						kind = "alert"
					}
					fmt.Fprintf(t.out, "  (%s) %s\n", kind, text)
				}
			}
		}()
		return
	}
	fmt.Fprintln(t.out, "No buttons to press yet.")
}

// watch prints new and edited messages in the current user's chat.
func (t *terminal) watch(ctx context.Context) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		u := t.user()
		t.mu.Lock()
		seen := t.seen[u.ID]
		if seen == nil {
			seen = map[int]int{}
			t.seen[u.ID] = seen
		}
		t.mu.Unlock()
		for _, m := range t.fake.Messages(u.ID) {
			edits, shown := seen[m.ID]
			if shown && edits == m.Edits {
				continue
			}
			seen[m.ID] = m.Edits
			t.print(m, shown)
		}
	}
}

func (t *terminal) print(m tgfake.Message, edited bool) {
	var b strings.Builder
	head := "Vejviser"
	if edited {
		head += " (changed the message above)"
	}
	fmt.Fprintf(&b, "\n%s:\n", head)
	if m.Photo != nil || m.Document != nil {
		data := m.Photo
		if data == nil {
			data = m.Document
		}
		path := filepath.Join(t.dir, fmt.Sprintf("%d-%s", m.ID, filepath.Base(m.FileName)))
		if err := os.WriteFile(path, data, 0o600); err == nil {
			fmt.Fprintf(&b, "  [file %s, %d bytes, saved as %s]\n", m.FileName, len(data), path)
		}
		if m.Caption != "" {
			fmt.Fprintf(&b, "  %s\n", strings.ReplaceAll(m.Caption, "\n", "\n  "))
		}
	}
	switch m.Kind {
	case "voice":
		fmt.Fprintf(&b, "  [🎤 voice message, %d s]\n", m.Duration)
	case "location":
		fmt.Fprintf(&b, "  [📍 location %.4f, %.4f]\n", m.Latitude, m.Longitude)
	}
	if m.Text != "" {
		fmt.Fprintf(&b, "  %s\n", strings.ReplaceAll(m.Text, "\n", "\n  "))
	}
	n := 0
	for _, r := range m.Buttons {
		var cells []string
		for _, btn := range r {
			n++
			cells = append(cells, fmt.Sprintf("[%d] %s", n, btn.Text))
		}
		fmt.Fprintf(&b, "  %s\n", strings.Join(cells, "   "))
	}
	fmt.Fprint(t.out, b.String())
}

// seedDemo fills a fresh database with a sample Ballerup plan: the weekly
// cafés, the coming parties, a volunteer, a coordinator and thirty
// participants (fake chats) so that broadcasts have someone to reach.
func seedDemo(ctx context.Context, store *storage.Store, fake *tgfake.Server, now time.Time) error {
	for _, u := range demoUsers[1:3] {
		fake.AddChat(u.user.ID)
		if _, err := store.Register(ctx, domain.Registration{ID: u.user.ID, ChatID: u.user.ID, DisplayName: u.user.FirstName, Language: u.user.LanguageCode, Role: u.role}, now); err != nil {
			return err
		}
	}
	fake.AddChat(demoUsers[0].user.ID)
	if _, err := importPlan(ctx, store, "demo_plan.toml", demoPlan, now); err != nil {
		return err
	}
	cafe, err := store.ActivityByKey(ctx, domain.DefaultBranchID, "tal-dansk")
	if err != nil {
		return err
	}
	homework, err := store.ActivityByKey(ctx, domain.DefaultBranchID, "lektiehjaelp")
	if err != nil {
		return err
	}
	// Lars, the volunteer, has a valid børneattest (recorded by Mette), so he
	// may take the homework help shifts too; he speaks Danish and English.
	if err := store.SetCertificate(ctx, []int64{domain.DefaultBranchID}, demoUsers[1].user.ID, demoUsers[2].user.ID, now.AddDate(1, 0, 0), now, false); err != nil {
		return err
	}
	if err := store.SetLanguages(ctx, demoUsers[1].user.ID, []string{"da", "en"}, now); err != nil {
		return err
	}
	if err := seedHerlev(ctx, store, fake, now); err != nil {
		return err
	}
	if err := seedNetwork(ctx, store, now); err != nil {
		return err
	}
	langs := []string{"ar", "ar", "ti", "ti", "da", "en"}
	names := []string{"Ahmad", "Fatima", "Yonas", "Selam", "Omar", "Rahel", "Khaled", "Helen", "Nour", "Dawit"}
	for i := 0; i < 30; i++ {
		id := int64(5000 + i)
		fake.AddChat(id)
		if _, err := store.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: fmt.Sprintf("%s %d", names[i%len(names)], i/len(names)+1), Language: langs[i%len(langs)], Role: domain.RoleParticipant}, now); err != nil {
			return err
		}
		if i%2 == 0 {
			if err := store.Follow(ctx, []int64{domain.DefaultBranchID}, cafe.ID, id, now); err != nil {
				return err
			}
		} else if err := store.Follow(ctx, []int64{domain.DefaultBranchID}, homework.ID, id, now); err != nil {
			return err
		}
	}
	return nil // the scheduler invites them to the plan's events
}
