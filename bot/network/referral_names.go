package network

import (
	"strconv"
	"strings"

	"vejviser/locales"
	"vejviser/storage/domain"
)

// The names of the fixed lists, in the reader's language.

// langName names a language of domain.NetworkLanguages.
func langName(L *locales.Localizer, code string) string {
	if locales.Supported(code) {
		return L.Name(code)
	}
	return L.T("NetLang"+title(code), nil)
}

// helpName names a kind of help (domain.HelpKinds).
func helpName(L *locales.Localizer, kind string) string { return L.T("NetHelp"+title(kind), nil) }

// freeName names a free time (domain.FreeTimes).
func freeName(L *locales.Localizer, when string) string { return L.T("NetFree"+title(when), nil) }

// wishName names a wish (domain.WishWoman, domain.WishFamily).
func wishName(L *locales.Localizer, wish string) string { return L.T("NetWish"+title(wish), nil) }

// howName names a way of giving consent (domain.ConsentWays).
func howName(L *locales.Localizer, how string) string { return L.T("NetConsent"+title(how), nil) }

// title turns a code into the tail of a message id: "weekday_evening" →
// "WeekdayEvening".
func title(code string) string {
	var b strings.Builder
	for _, p := range strings.Split(code, "_") {
		if p != "" {
			b.WriteString(strings.ToUpper(p[:1]) + p[1:])
		}
	}
	return b.String()
}

// names is each code of xs named by name, as one list in the reader's language.
func names(L *locales.Localizer, xs []string, name func(*locales.Localizer, string) string) locales.Isolated {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = name(L, x)
	}
	return L.List(out)
}

// reasonText is one reason of a suggestion in the reader's language.
func reasonText(L *locales.Localizer, m domain.MatchReason) string {
	switch m.Kind {
	case domain.ReasonLanguage:
		return L.T("RefReasonLanguage", locales.Data{"Language": langName(L, m.Value)})
	case domain.ReasonSamePostcode:
		return L.T("RefReasonSamePostcode", locales.Data{"Postcode": m.Value})
	case domain.ReasonNear:
		return L.T("RefReasonNear", locales.Data{"Postcode": m.Value})
	case domain.ReasonFree:
		return L.T("RefReasonFree", locales.Data{"When": freeName(L, m.Value)})
	case domain.ReasonWish:
		return wishName(L, m.Value)
	case domain.ReasonHelp:
		return L.T("RefReasonHelp", locales.Data{"Help": helpName(L, m.Value)})
	case domain.ReasonWaiting:
		n, _ := strconv.Atoi(m.Value)
		return L.N("RefReasonWaiting", n, nil)
	}
	return m.Value
}

// reasonsText is a suggestion's reasons on one line.
func reasonsText(L *locales.Localizer, rs []domain.MatchReason) locales.Isolated {
	out := make([]string, len(rs))
	for i, m := range rs {
		out[i] = reasonText(L, m)
	}
	return locales.Isolated(strings.Join(out, " · "))
}

// whyText says why a network family is left out.
func whyText(L *locales.Localizer, why string) string { return L.T("RefNot"+title(why), nil) }
