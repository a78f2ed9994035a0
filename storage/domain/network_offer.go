package domain

import (
	"time"
	"unicode/utf8"
)

// OfferCard is a volunteer's offer with what the household will read of
// it once both said yes: the hello (Danish, and in other languages) and
// how to reach them.
type OfferCard struct {
	Offer
	Hello   string // Danish, 1-300 characters
	Hellos  Texts  // the hello in other languages
	Contact string // a phone number or e-mail as they chose to share it, ≤ 100
}

// The limits of an offer's texts.
const (
	MaxHello   = 300
	MaxContact = 100
)

// Check says what is wrong with the card, if anything.
func (c OfferCard) Check() error {
	if err := c.Offer.Check(); err != nil {
		return err
	}
	if Blank(c.Hello) || utf8.RuneCountInString(c.Hello) > MaxHello || utf8.RuneCountInString(c.Contact) > MaxContact {
		return ErrInvalidOffer
	}
	for lang, h := range c.Hellos {
		if lang == "da" || !oneOf(lang, NetworkLanguages) || utf8.RuneCountInString(h) > MaxHello {
			return ErrInvalidOffer
		}
	}
	return nil
}

// HelloTexts is the hello in every language it was written in.
func (c OfferCard) HelloTexts() Texts { return c.Hellos.With(c.Hello) }

// Paused reports whether the offer is paused at now.
func (o Offer) Paused(now time.Time) bool { return o.PausedUntil != nil && o.PausedUntil.After(now) }

// PauseEnd is the end of a pause of months from now: the start of that
// day (in loc), so that "not now, until 7 March" means they are suggested
// again on the 7th.
func PauseEnd(now time.Time, months int, loc *time.Location) time.Time {
	y, m, d := now.In(loc).AddDate(0, months, 0).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}
