namespace Khidma.Web.Areas.Search.Domain;

// Martin Porter's 1980 algorithm as in his reference C implementation (including its two departures
// from the paper: "bli"->"ble" and "logi"->"log"), so results match the published voc.txt/output.txt.
public static class PorterStemmer
{
    // No English word is this long; the cap keeps the y-handling in IsConsonant from turning quadratic
    // on hostile input and lets the buffer always live on the stack.
    private const int MaxWordLength = 64;

    public static string Stem(string? word)
    {
        if (string.IsNullOrEmpty(word))
        {
            return string.Empty;
        }

        if (word.Length <= 2 || word.Length > MaxWordLength || !IsLowerAscii(word))
        {
            return word;
        }

        Span<char> buffer = stackalloc char[word.Length];
        word.AsSpan().CopyTo(buffer);
        var state = new State(buffer);
        var stem = buffer[..state.Run()];
        return stem.SequenceEqual(word) ? word : new string(stem);
    }

    private static bool IsLowerAscii(string word)
    {
        foreach (var c in word)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }

    // Field names follow the reference implementation: b is the word, k the index of its last letter,
    // j the end of the stem when a suffix test succeeds.
    private ref struct State
    {
        private readonly Span<char> _b;
        private int _k;
        private int _j;

        public State(Span<char> buffer)
        {
            _b = buffer;
            _k = buffer.Length - 1;
            _j = 0;
        }

        public int Run()
        {
            Step1ab();
            if (_k > 0)
            {
                Step1c();
                Step2();
                Step3();
                Step4();
                Step5();
            }

            return _k + 1;
        }

        // The recursive definition (y is a consonant unless it follows a consonant) is unrolled so a
        // long run of y's cannot exhaust the stack.
        private readonly bool IsConsonant(int i)
        {
            var p = i;
            while (p > 0 && _b[p] == 'y')
            {
                p--;
            }

            bool result = _b[p] switch
            {
                'a' or 'e' or 'i' or 'o' or 'u' => false,
                _ => true,
            };
            return ((i - p) & 1) == 0 ? result : !result;
        }

        private readonly int Measure()
        {
            var n = 0;
            var i = 0;
            while (true)
            {
                if (i > _j)
                {
                    return n;
                }

                if (!IsConsonant(i))
                {
                    break;
                }

                i++;
            }

            i++;
            while (true)
            {
                while (true)
                {
                    if (i > _j)
                    {
                        return n;
                    }

                    if (IsConsonant(i))
                    {
                        break;
                    }

                    i++;
                }

                i++;
                n++;
                while (true)
                {
                    if (i > _j)
                    {
                        return n;
                    }

                    if (!IsConsonant(i))
                    {
                        break;
                    }

                    i++;
                }

                i++;
            }
        }

        private readonly bool VowelInStem()
        {
            for (var i = 0; i <= _j; i++)
            {
                if (!IsConsonant(i))
                {
                    return true;
                }
            }

            return false;
        }

        private readonly bool DoubleConsonant(int j) => j >= 1 && _b[j] == _b[j - 1] && IsConsonant(j);

        private readonly bool ConsonantVowelConsonant(int i) =>
            i >= 2
            && IsConsonant(i)
            && !IsConsonant(i - 1)
            && IsConsonant(i - 2)
            && _b[i] is not ('w' or 'x' or 'y');

        private bool Ends(string suffix)
        {
            var length = suffix.Length;
            if (length > _k + 1 || _b[_k] != suffix[length - 1])
            {
                return false;
            }

            if (!_b.Slice(_k - length + 1, length).SequenceEqual(suffix))
            {
                return false;
            }

            _j = _k - length;
            return true;
        }

        private void SetTo(string replacement)
        {
            replacement.AsSpan().CopyTo(_b[(_j + 1)..]);
            _k = _j + replacement.Length;
        }

        private void ReplaceIfMeasured(string replacement)
        {
            if (Measure() > 0)
            {
                SetTo(replacement);
            }
        }

        private void Step1ab()
        {
            if (_b[_k] == 's')
            {
                if (Ends("sses"))
                {
                    _k -= 2;
                }
                else if (Ends("ies"))
                {
                    SetTo("i");
                }
                else if (_b[_k - 1] != 's')
                {
                    _k--;
                }
            }

            if (Ends("eed"))
            {
                if (Measure() > 0)
                {
                    _k--;
                }
            }
            else if ((Ends("ed") || Ends("ing")) && VowelInStem())
            {
                _k = _j;
                if (Ends("at"))
                {
                    SetTo("ate");
                }
                else if (Ends("bl"))
                {
                    SetTo("ble");
                }
                else if (Ends("iz"))
                {
                    SetTo("ize");
                }
                else if (DoubleConsonant(_k))
                {
                    _k--;
                    if (_b[_k] is 'l' or 's' or 'z')
                    {
                        _k++;
                    }
                }
                else if (Measure() == 1 && ConsonantVowelConsonant(_k))
                {
                    SetTo("e");
                }
            }
        }

        private void Step1c()
        {
            if (Ends("y") && VowelInStem())
            {
                _b[_k] = 'i';
            }
        }

        private void Step2()
        {
            switch (_b[_k - 1])
            {
                case 'a':
                    _ = TryReplace("ational", "ate") || TryReplace("tional", "tion");
                    break;
                case 'c':
                    _ = TryReplace("enci", "ence") || TryReplace("anci", "ance");
                    break;
                case 'e':
                    _ = TryReplace("izer", "ize");
                    break;
                case 'l':
                    _ = TryReplace("bli", "ble")
                        || TryReplace("alli", "al")
                        || TryReplace("entli", "ent")
                        || TryReplace("eli", "e")
                        || TryReplace("ousli", "ous");
                    break;
                case 'o':
                    _ = TryReplace("ization", "ize") || TryReplace("ation", "ate") || TryReplace("ator", "ate");
                    break;
                case 's':
                    _ = TryReplace("alism", "al")
                        || TryReplace("iveness", "ive")
                        || TryReplace("fulness", "ful")
                        || TryReplace("ousness", "ous");
                    break;
                case 't':
                    _ = TryReplace("aliti", "al") || TryReplace("iviti", "ive") || TryReplace("biliti", "ble");
                    break;
                case 'g':
                    _ = TryReplace("logi", "log");
                    break;
                default:
                    break;
            }
        }

        private void Step3()
        {
            switch (_b[_k])
            {
                case 'e':
                    _ = TryReplace("icate", "ic") || TryReplace("ative", string.Empty) || TryReplace("alize", "al");
                    break;
                case 'i':
                    _ = TryReplace("iciti", "ic");
                    break;
                case 'l':
                    _ = TryReplace("ical", "ic") || TryReplace("ful", string.Empty);
                    break;
                case 's':
                    _ = TryReplace("ness", string.Empty);
                    break;
                default:
                    break;
            }
        }

        private void Step4()
        {
            var found = _b[_k - 1] switch
            {
                'a' => Ends("al"),
                'c' => Ends("ance") || Ends("ence"),
                'e' => Ends("er"),
                'i' => Ends("ic"),
                'l' => Ends("able") || Ends("ible"),
                'n' => Ends("ant") || Ends("ement") || Ends("ment") || Ends("ent"),
                'o' => (Ends("ion") && _j >= 0 && _b[_j] is 's' or 't') || Ends("ou"),
                's' => Ends("ism"),
                't' => Ends("ate") || Ends("iti"),
                'u' => Ends("ous"),
                'v' => Ends("ive"),
                'z' => Ends("ize"),
                _ => false,
            };

            if (found && Measure() > 1)
            {
                _k = _j;
            }
        }

        private void Step5()
        {
            _j = _k;
            if (_b[_k] == 'e')
            {
                var m = Measure();
                if (m > 1 || (m == 1 && !ConsonantVowelConsonant(_k - 1)))
                {
                    _k--;
                }
            }

            if (_b[_k] == 'l' && DoubleConsonant(_k) && Measure() > 1)
            {
                _k--;
            }
        }

        private bool TryReplace(string suffix, string replacement)
        {
            if (!Ends(suffix))
            {
                return false;
            }

            ReplaceIfMeasured(replacement);
            return true;
        }
    }
}
