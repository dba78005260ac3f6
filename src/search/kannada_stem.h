#pragma once

#include <string>
#include <string_view>

// A light stemmer for Kannada. There is no Snowball stemmer for Kannada, and Kannada glues
// case and plural endings to its nouns (ಪಾರ್ಸೆಲ್‌ಗಳನ್ನು "the parcels (object)",
// ಒಪ್ಪಂದದಲ್ಲಿ "in the contract", ಪಾವತಿಯ "of the payment"), so without one a word only finds itself. See
// docs/search.md ("Kannada stems") for the rules and what they cost.
namespace sahayak::search {

// The stem of one Kannada word as the Analyzer writes it (NFC, joiners removed, folded):
//  1. the longest case or plural ending of a fixed list is removed (-ಗಳು, -ಗಳನ್ನು, -ಗಳಿಗೆ,
//     -ದಲ್ಲಿ, -ದಿಂದ, -ವನ್ನು, -ಯನ್ನು, -ಯಲ್ಲಿ, -ಅನ್ನು, -ನ್ನು, -ಗೆ, -ಕ್ಕೆ, -ಇಂದ, -ನಲ್ಲಿ …; a
//     few short ones only where they cannot be part of the word: genitive -ನ after a
//     virama, -ಯ after an i/e vowel sign, -ವು after a bare consonant), but only when at
//     least two letters (consonants or vowels, not signs) are left;
//  2. a final virama or u vowel sign is dropped, so the consonant-final ಪಾರ್ಸೆಲ್, the
//     u-final ಬೆಂಗಳೂರು and their inflected forms (ಪಾರ್ಸೆಲನ್ನು, ಬೆಂಗಳೂರಿಗೆ) meet in one stem
//     (ಪಾರ್ಸೆಲ, ಬೆಂಗಳೂರ). The stem is a search key, not always a word.
// Returns "" when the word is not Kannada, too short, or its own stem.
std::string KannadaStem(std::string_view word);

}  // namespace sahayak::search
