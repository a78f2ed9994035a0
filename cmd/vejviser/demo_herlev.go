package main

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"vejviser/bot/plan"
	"vejviser/bot/tgfake"
	"vejviser/storage"
	"vejviser/storage/domain"
)

// demoHerlevPlan is the second branch's plan: its café and a host shift.
//
//go:embed demo_herlev.toml
var demoHerlevPlan []byte

// seedHerlev adds the demo's second branch, Røde Kors Herlev, as `vejviser
// branch add` and `vejviser import --branch herlev` would: its café with a
// host shift, Sofie its coordinator, ten participants who follow the café,
// and Lars (the first branch's volunteer) volunteering there too. Sofie
// sees Herlev only; Lars sees both branches' shifts, each with its
// branch's name.
func seedHerlev(ctx context.Context, store *storage.Store, fake *tgfake.Server, now time.Time) error {
	sofie := demoUsers[3].user
	herlev, err := store.AddBranch(ctx, domain.NewBranch{Key: "herlev", Town: "Herlev", Coordinators: []int64{sofie.ID},
		Names: domain.Texts{"da": "Røde Kors Herlev", "ar": "الصليب الأحمر في Herlev", "ti": "ቀይሕ መስቀል Herlev", "en": "Red Cross Herlev"}}, now)
	if err != nil {
		return err
	}
	fake.AddChat(sofie.ID)
	if _, err := store.Register(ctx, domain.Registration{ID: sofie.ID, ChatID: sofie.ID, DisplayName: sofie.FirstName,
		Language: sofie.LanguageCode, Role: domain.RoleParticipant, BranchID: herlev.ID}, now); err != nil {
		return err
	}
	p, err := plan.Parse("demo_herlev.toml", demoHerlevPlan)
	if err != nil {
		return err
	}
	if _, err := store.ImportPlanWith(ctx, p, now, storage.ImportOptions{Branch: herlev.ID}); err != nil {
		return err
	}
	cafe, err := store.ActivityByKey(ctx, herlev.ID, "tal-dansk")
	if err != nil {
		return err
	}
	lars := demoUsers[1].user.ID
	if err := store.JoinBranch(ctx, lars, herlev.ID, domain.RoleVolunteer, now); err != nil {
		return err
	}
	if err := store.SetWorkingBranch(ctx, lars, domain.DefaultBranchID); err != nil {
		return err
	}
	langs := []string{"ti", "ar", "da", "ti", "en"}
	names := []string{"Mehari", "Lina", "Ole", "Saba", "Ali"}
	for i := 0; i < 10; i++ {
		id := int64(6000 + i)
		fake.AddChat(id)
		if _, err := store.Register(ctx, domain.Registration{ID: id, ChatID: id, DisplayName: fmt.Sprintf("%s %d", names[i%len(names)], i/len(names)+1),
			Language: langs[i%len(langs)], Role: domain.RoleParticipant, BranchID: herlev.ID}, now); err != nil {
			return err
		}
		if err := store.Follow(ctx, []int64{herlev.ID}, cafe.ID, id, now); err != nil {
			return err
		}
	}
	return nil
}
