package chat

// ActAskMute mutes or unmutes a member's "Ask us" messages: "1:au:<member>:1|0".
// It is declared here, not in bot/askus which routes it, because the member
// card (people) offers the same button: features need nothing of each other.
var ActAskMute = NewAction("au", ID, Bit)
