package main

import (
	"context"
	"time"

	"vejviser/storage"
	"vejviser/storage/domain"
)

// seedNetwork adds the demo's network families (Venner Viser Vej) to
// Ballerup: Lars offers to be a network family, and the municipality has
// referred a Tigrinya-speaking family with two children, whose consent lets
// their first name and phone number be passed on. As Mette, /matches shows
// the family with Lars suggested; 🤝 proposes him; as Lars, ✅ says yes; as
// Mette, the family's answer from a phone call is recorded, and both get
// their introduction.
func seedNetwork(ctx context.Context, store *storage.Store, now time.Time) error {
	lars := demoUsers[1].user.ID
	offer := domain.OfferCard{
		Offer: domain.Offer{MemberID: lars, Kind: "man", Languages: []string{"da", "en"}, Postcode: 2750,
			Free: []string{"weekday_evening", "weekend"}, Help: []string{"danish", "town", "bike"}, Capacity: 1},
		Hello: "Hej! Jeg hedder Lars, cykler meget og viser gerne rundt i Ballerup.",
		Hellos: domain.Texts{"en": "Hi! I'm Lars, I cycle a lot and would love to show you around Ballerup.",
			"ti": "ሰላም! ኣነ ላርስ እየ፣ ብዙሕ ብሽክለታ እዝውር፣ ኣብ Ballerup ከርእየኩም ደስ ይብለኒ።"},
		Contact: "+45 20 00 00 02",
	}
	if err := store.UpsertOffer(ctx, domain.DefaultBranchID, offer, now); err != nil {
		return err
	}
	family := domain.Referral{Adults: 2, ChildAges: []int{4, 9}, Languages: []string{"ti", "en"}, Postcode: 2750, Town: "Ballerup",
		Help: []string{"danish", "school", "bike"}, Free: []string{"weekend"}, Wish: domain.WishFamily,
		Consent:      domain.Consent{FirstName: true, Phone: true, Date: now.AddDate(0, 0, -20), How: "form"},
		WaitingSince: now.AddDate(0, 0, -20)}
	coordinator := demoUsers[2].user.ID
	_, err := store.CreateReferral(ctx, domain.DefaultBranchID, family, storage.ReferralContact{Name: "Yonas", Phone: "+45 20 00 00 07"}, coordinator, now.AddDate(0, 0, -20))
	return err
}
