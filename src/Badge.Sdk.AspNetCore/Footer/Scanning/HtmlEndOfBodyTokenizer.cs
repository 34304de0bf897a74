using System.Runtime.CompilerServices;

namespace Badge.Sdk.AspNetCore.Footer.Scanning;

/// <summary>
/// Just enough of the WHATWG HTML tokenizer to tell a real <c>&lt;/body&gt;</c> end tag from one inside a comment,
/// an attribute value, raw text (<c>script</c>, <c>style</c>, <c>xmp</c>, <c>iframe</c>, <c>noembed</c>,
/// <c>noframes</c>, <c>noscript</c>), RCDATA (<c>textarea</c>, <c>title</c>), <c>template</c> contents, or after
/// <c>&lt;plaintext&gt;</c> where the tree builder acts on it (not in SVG or MathML outside an HTML integration
/// point; inside a <c>&lt;select&gt;</c> it does: Chromium 156 reads the rest of the page as text there). Also tells
/// whether the page is a frameset document and whether anything but white space, comments and <c>&lt;/html&gt;</c>
/// follows the latest <c>&lt;/body&gt;</c>. Works on bytes of any ASCII-compatible encoding: every byte that
/// changes state is ASCII and is never a trail byte of GBK, GB18030, Big5 or Shift_JIS. Resumable at any byte.
/// </summary>
/// <remarks>
/// <para>Not modelled, because they do not hide <c>&lt;/body&gt;</c> in practice: CDATA sections in foreign content
/// (treated as bogus comments up to the first <c>&gt;</c>) and raw-text elements inside SVG/MathML.</para>
/// <para>Foreign content is approximated: a breakout start tag (<c>div</c>, <c>p</c>, …) or the end tag of a common
/// HTML element leaves SVG/MathML altogether, and inside an HTML integration point (<c>foreignObject</c>,
/// <c>desc</c>, <c>annotation-xml</c>, <c>mi</c>, <c>mo</c>, <c>mn</c>, <c>ms</c>, <c>mtext</c>) tags are read as
/// HTML. It is read by the exact steps only (the fast path stops at <c>&lt;svg</c> and <c>&lt;math</c>), and what
/// the scanner cannot tell errs towards plaintext: no footer rather than a footer shown as text.</para>
/// </remarks>
internal sealed partial class HtmlEndOfBodyTokenizer
{
    private const int MaxName = 16;

    // Bytes that end an attribute name or an unquoted value; everything else inside them is skipped in bulk.
    private static readonly System.Buffers.SearchValues<byte> AttrNameEnd = System.Buffers.SearchValues.Create(" \t\n\f\r/>="u8);
    private static readonly System.Buffers.SearchValues<byte> TagNameEnd = System.Buffers.SearchValues.Create(" \t\n\f\r/>"u8);
    private static readonly System.Buffers.SearchValues<byte> UnquotedEnd = System.Buffers.SearchValues.Create(" \t\n\f\r>"u8);

    private State _state = State.Data;
    private State _rawReturn;
    private bool _endTag;
    private bool _maybeBody;
    private int _nameLength;
    private int _matchIndex;
    private int _templateDepth;
    private RawKind _raw;
    private long _tagStart = -1;
    private long _fastResumeAt;
    private bool _selfClosing;

    // Tree-builder context the tokenizer needs for <plaintext>: open <svg>/<math> elements and an open HTML
    // integration point inside them. While they are open (or a tail is watched) the exact steps run.
    private int _foreign;
    private bool _integration;
    private int _integrationKind;
    private Tail _tail;
    private bool _exactOnly;

    private readonly ScanPath _path;

    public HtmlEndOfBodyTokenizer(ScanPath path = ScanPath.Best)
    {
        _path = path;
        _fastResumeAt = path == ScanPath.Exact ? long.MaxValue : 0;
    }

    private readonly byte[] _name = new byte[MaxName];

    private enum State : byte
    {
        Data,
        TagOpen,
        EndTagOpen,
        TagName,
        BeforeAttrName,
        AttrName,
        AfterAttrName,
        BeforeAttrValue,
        AttrValueDq,
        AttrValueSq,
        AttrValueUnquoted,
        SelfClosing,
        MarkupDecl,
        MarkupDeclDash,
        CommentStart,
        CommentStartDash,
        Comment,
        CommentEndDash,
        CommentEnd,
        CommentEndBang,
        BogusComment,
        RawText,
        RawTextLt,
        RawTextEndTagName,
        ScriptEscapeStart,
        ScriptEscapeStartDash,
        ScriptEscaped,
        ScriptEscapedDash,
        ScriptEscapedDashDash,
        ScriptEscapedLt,
        ScriptDoubleEscapeStart,
        ScriptDoubleEscaped,
        ScriptDoubleEscapedDash,
        ScriptDoubleEscapedDashDash,
        ScriptDoubleEscapedLt,
        ScriptDoubleEscapeEnd,
        PlainText,
    }

    private enum Tail : byte
    {
        None,
        Quiet,
        Loud,
    }

    private enum RawKind : byte
    {
        None,
        Script,
        Style,
        Xmp,
        Iframe,
        Noembed,
        Noframes,
        Noscript,
        Textarea,
        Title,
    }

    /// <summary>The stream position of the <c>&lt;</c> of an end tag in progress that may be <c>&lt;/body&gt;</c>, or -1.</summary>
    public long PendingBodyTagStart =>
        (_state == State.TagOpen && _templateDepth == 0) || (_maybeBody && IsInTag) ? _tagStart : -1;

    /// <summary>
    /// When set, told of the ranges of the data passed to <see cref="Run"/> in which the fast path found no
    /// <c>data-online-badge="</c> marker with its second <c>-</c> there.
    /// </summary>
    public MarkerSearch? MarkerSearch { get; set; }

    /// <summary>Whether the tokenizer is in plain data at the top level (a safe place to append at the end of a document).</summary>
    public bool IsInData => _state == State.Data && _templateDepth == 0;

    /// <summary>Stops treating the end tag in progress as a possible <c>&lt;/body&gt;</c>.</summary>
    public void ForgetPendingBody() => _maybeBody = false;

    /// <summary>
    /// Whether a <c>&lt;frameset&gt;</c> start tag was read where the tree builder acts on it (not in a template or
    /// foreign content).
    /// </summary>
    public bool FramesetSeen { get; private set; }

    /// <summary>
    /// Whether anything but white space, comments, a doctype and <c>&lt;/html&gt;</c> followed the latest real
    /// <c>&lt;/body&gt;</c> (reported by <see cref="Run"/>) since it was reported. Such content reopens the body
    /// in a browser, so that <c>&lt;/body&gt;</c> is not the end of the page.
    /// </summary>
    public bool ContentAfterBody => _tail == Tail.Loud;

    /// <summary>Stops watching what follows the latest <c>&lt;/body&gt;</c>.</summary>
    public void StopWatchingTail()
    {
        _tail = Tail.None;
        UpdateExactOnly();
    }

    private bool IsInTag => _state is State.EndTagOpen or State.TagName or State.BeforeAttrName or State.AttrName
        or State.AfterAttrName or State.BeforeAttrValue or State.AttrValueDq or State.AttrValueSq or State.AttrValueUnquoted
        or State.SelfClosing;

    /// <summary>
    /// Tokenizes <paramref name="data"/>[<paramref name="start"/>..], whose first byte is at stream position
    /// <paramref name="position"/> + <paramref name="start"/>. Stops after the <c>&gt;</c> of a real
    /// <c>&lt;/body&gt;</c> and reports the stream position of its <c>&lt;</c>.
    /// </summary>
    /// <returns>The index after the last byte consumed.</returns>
    public int Run(ReadOnlySpan<byte> data, int start, long position, out long bodyEndTagStart)
    {
        bodyEndTagStart = -1;
        var i = start;
        while (i < data.Length)
        {
            switch (_state)
            {
                case State.Data:
                {
                    if (!_exactOnly && position + i >= _fastResumeAt)
                    {
                        // Ordinary markup is skipped a block at a time; the exact steps below take over where it stops.
                        HtmlFastSkip.Skip(data, i, _path, out var stop, out var resume, out var markerFreeTo);
                        MarkerSearch?.Vouch(data, i, markerFreeTo);

                        _fastResumeAt = position + Math.Max(resume, stop + 1);
                        i = stop;
                    }

                    var next = data[i..].IndexOf((byte)'<');
                    if (_tail == Tail.Quiet)
                    {
                        var text = next < 0 ? data[i..] : data.Slice(i, next);
                        if (text.IndexOfAnyExcept(" \t\n\f\r"u8) >= 0)
                        {
                            Loud();
                        }
                    }

                    if (next < 0)
                    {
                        return data.Length;
                    }

                    i += next;
                    _tagStart = position + i;
                    _state = State.TagOpen;
                    i++;
                    continue;
                }

                case State.PlainText:
                    return data.Length;

                case State.Comment:
                {
                    var next = data[i..].IndexOf((byte)'-');
                    if (next < 0)
                    {
                        return data.Length;
                    }

                    i += next + 1;
                    _state = State.CommentEndDash;
                    continue;
                }

                case State.AttrValueDq:
                case State.AttrValueSq:
                {
                    var quote = _state == State.AttrValueDq ? (byte)'"' : (byte)'\'';
                    var next = data[i..].IndexOf(quote);
                    if (next < 0)
                    {
                        return data.Length;
                    }

                    i += next + 1;
                    _state = State.BeforeAttrName;
                    continue;
                }

                case State.AttrName:
                case State.AttrValueUnquoted:
                {
                    var next = data[i..].IndexOfAny(_state == State.AttrName ? AttrNameEnd : UnquotedEnd);
                    if (next < 0)
                    {
                        return data.Length;
                    }

                    i += next;
                    break;
                }

                case State.TagName when !_maybeBody && _nameLength >= MaxName:
                {
                    // The name is already too long to be one we look for: skip to its end.
                    var next = data[i..].IndexOfAny(TagNameEnd);
                    if (next < 0)
                    {
                        return data.Length;
                    }

                    i += next;
                    break;
                }

                case State.RawText:
                case State.ScriptEscaped:
                case State.ScriptDoubleEscaped:
                {
                    // Only '<' (and '-' in escaped script) can change state here.
                    var next = _state == State.RawText ? data[i..].IndexOf((byte)'<') : data[i..].IndexOfAny((byte)'<', (byte)'-');
                    if (next < 0)
                    {
                        return data.Length;
                    }

                    i += next;
                    break;
                }
            }

            var c = data[i];
            i++;
            if (Step(c, position + i - 1) && _endTag && _maybeBody && _nameLength == 4 && _templateDepth == 0)
            {
                // A real </body> end tag just closed: from here on, watch what follows it.
                bodyEndTagStart = _tagStart;
                _maybeBody = false;
                _tail = Tail.Quiet;
                UpdateExactOnly();
                return i;
            }
        }

        return i;
    }

    // Consumes one byte; returns true when a tag was just emitted.
    private bool Step(byte c, long at)
    {
        switch (_state)
        {
            case State.Data:
                if (c == '<')
                {
                    _tagStart = at;
                    _state = State.TagOpen;
                }

                return false;

            case State.TagOpen:
                if (IsAsciiLetter(c))
                {
                    BeginName(endTag: false, c);
                    _state = State.TagName;
                }
                else if (c == '!')
                {
                    _state = State.MarkupDecl;
                }
                else if (c == '/')
                {
                    _endTag = true;
                    _maybeBody = _templateDepth == 0;
                    _nameLength = 0;
                    _state = State.EndTagOpen;
                }
                else if (c == '?')
                {
                    _state = State.BogusComment;
                }
                else
                {
                    // The '<' is text.
                    if (_tail == Tail.Quiet)
                    {
                        Loud();
                    }

                    _state = State.Data;
                    return Reconsume(c, at);
                }

                return false;

            case State.EndTagOpen:
                if (IsAsciiLetter(c))
                {
                    BeginName(endTag: true, c);
                    _state = State.TagName;
                }
                else
                {
                    _maybeBody = false;
                    _state = c == '>' ? State.Data : State.BogusComment;
                }

                return false;

            case State.TagName:
                if (IsWhite(c))
                {
                    _state = State.BeforeAttrName;
                }
                else if (c == '/')
                {
                    _state = State.SelfClosing;
                }
                else if (c == '>')
                {
                    return EmitTag();
                }
                else
                {
                    AppendName(c);
                }

                return false;

            case State.BeforeAttrName:
                if (IsWhite(c))
                {
                    return false;
                }

                if (c is (byte)'/' or (byte)'>')
                {
                    _state = State.AfterAttrName;
                    return Reconsume(c, at);
                }

                _state = State.AttrName;
                return false;

            case State.AttrName:
                if (IsWhite(c) || c is (byte)'/' or (byte)'>')
                {
                    _state = State.AfterAttrName;
                    return Reconsume(c, at);
                }

                if (c == '=')
                {
                    _state = State.BeforeAttrValue;
                }

                return false;

            case State.AfterAttrName:
                if (IsWhite(c))
                {
                    return false;
                }

                if (c == '/')
                {
                    _state = State.SelfClosing;
                    return false;
                }

                if (c == '=')
                {
                    _state = State.BeforeAttrValue;
                    return false;
                }

                if (c == '>')
                {
                    return EmitTag();
                }

                _state = State.AttrName;
                return false;

            case State.BeforeAttrValue:
                if (IsWhite(c))
                {
                    return false;
                }

                if (c == '"')
                {
                    _state = State.AttrValueDq;
                }
                else if (c == '\'')
                {
                    _state = State.AttrValueSq;
                }
                else if (c == '>')
                {
                    return EmitTag();
                }
                else
                {
                    _state = State.AttrValueUnquoted;
                }

                return false;

            case State.AttrValueDq:
                if (c == '"')
                {
                    _state = State.BeforeAttrName;
                }

                return false;

            case State.AttrValueSq:
                if (c == '\'')
                {
                    _state = State.BeforeAttrName;
                }

                return false;

            case State.AttrValueUnquoted:
                if (IsWhite(c))
                {
                    _state = State.BeforeAttrName;
                }
                else if (c == '>')
                {
                    return EmitTag();
                }

                return false;

            case State.SelfClosing:
                if (c == '>')
                {
                    _selfClosing = true;
                    return EmitTag();
                }

                _state = State.BeforeAttrName;
                return Reconsume(c, at);

            case State.MarkupDecl:
                _state = c == '-' ? State.MarkupDeclDash : State.BogusComment;
                return c == '>' ? ToData() : false;

            case State.MarkupDeclDash:
                _state = c == '-' ? State.CommentStart : State.BogusComment;
                return c == '>' ? ToData() : false;

            case State.BogusComment:
                if (c == '>')
                {
                    _state = State.Data;
                }

                return false;

            case State.CommentStart:
                _state = c == '-' ? State.CommentStartDash : c == '>' ? State.Data : State.Comment;
                return false;

            case State.CommentStartDash:
                _state = c == '-' ? State.CommentEnd : c == '>' ? State.Data : State.Comment;
                return false;

            case State.Comment:
                if (c == '-')
                {
                    _state = State.CommentEndDash;
                }

                return false;

            case State.CommentEndDash:
                _state = c == '-' ? State.CommentEnd : State.Comment;
                return false;

            case State.CommentEnd:
                _state = c switch
                {
                    (byte)'>' => State.Data,
                    (byte)'!' => State.CommentEndBang,
                    (byte)'-' => State.CommentEnd,
                    _ => State.Comment,
                };
                return false;

            case State.CommentEndBang:
                _state = c == '-' ? State.CommentEndDash : c == '>' ? State.Data : State.Comment;
                return false;

            case State.RawText:
                if (c == '<')
                {
                    _rawReturn = State.RawText;
                    _tagStart = at;
                    _state = State.RawTextLt;
                }

                return false;

            case State.RawTextLt:
                if (c == '/')
                {
                    _matchIndex = 0;
                    _state = State.RawTextEndTagName;
                    return false;
                }

                if (_raw == RawKind.Script && _rawReturn == State.RawText && c == '!')
                {
                    _state = State.ScriptEscapeStart;
                    return false;
                }

                _state = _rawReturn;
                return Reconsume(c, at);

            case State.RawTextEndTagName:
            {
                var name = RawName(_raw);
                if (_matchIndex < name.Length)
                {
                    if (ToLower(c) == name[_matchIndex])
                    {
                        _matchIndex++;
                        return false;
                    }
                }
                else if (IsWhite(c) || c is (byte)'/' or (byte)'>')
                {
                    // The appropriate end tag: it ends the raw text and goes on as an ordinary end tag.
                    _endTag = true;
                    _maybeBody = false;
                    _nameLength = 0;
                    _raw = RawKind.None;
                    _state = IsWhite(c) ? State.BeforeAttrName : c == '/' ? State.SelfClosing : State.Data;
                    return c == '>';
                }

                _state = _rawReturn;
                return Reconsume(c, at);
            }

            case State.ScriptEscapeStart:
                _state = c == '-' ? State.ScriptEscapeStartDash : State.RawText;
                return c == '-' ? false : Reconsume(c, at);

            case State.ScriptEscapeStartDash:
                _state = c == '-' ? State.ScriptEscapedDashDash : State.RawText;
                return c == '-' ? false : Reconsume(c, at);

            case State.ScriptEscaped:
                if (c == '-')
                {
                    _state = State.ScriptEscapedDash;
                }
                else if (c == '<')
                {
                    _tagStart = at;
                    _state = State.ScriptEscapedLt;
                }

                return false;

            case State.ScriptEscapedDash:
            case State.ScriptEscapedDashDash:
                if (c == '-')
                {
                    _state = State.ScriptEscapedDashDash;
                }
                else if (c == '<')
                {
                    _tagStart = at;
                    _state = State.ScriptEscapedLt;
                }
                else
                {
                    _state = c == '>' && _state == State.ScriptEscapedDashDash ? State.RawText : State.ScriptEscaped;
                }

                return false;

            case State.ScriptEscapedLt:
                if (c == '/')
                {
                    _rawReturn = State.ScriptEscaped;
                    _matchIndex = 0;
                    _state = State.RawTextEndTagName;
                    return false;
                }

                if (IsAsciiLetter(c))
                {
                    _matchIndex = 0;
                    _state = State.ScriptDoubleEscapeStart;
                    return Reconsume(c, at);
                }

                _state = State.ScriptEscaped;
                return Reconsume(c, at);

            case State.ScriptDoubleEscapeStart:
            case State.ScriptDoubleEscapeEnd:
            {
                var entering = _state == State.ScriptDoubleEscapeStart;
                if (IsWhite(c) || c is (byte)'/' or (byte)'>')
                {
                    var matched = _matchIndex == 6;
                    _state = entering
                        ? (matched ? State.ScriptDoubleEscaped : State.ScriptEscaped)
                        : (matched ? State.ScriptEscaped : State.ScriptDoubleEscaped);
                    return false;
                }

                if (IsAsciiLetter(c))
                {
                    _matchIndex = _matchIndex < 6 && ToLower(c) == "script"u8[_matchIndex] ? _matchIndex + 1 : 7;
                    return false;
                }

                _state = entering ? State.ScriptEscaped : State.ScriptDoubleEscaped;
                return Reconsume(c, at);
            }

            case State.ScriptDoubleEscaped:
            case State.ScriptDoubleEscapedDash:
            case State.ScriptDoubleEscapedDashDash:
                if (c == '-')
                {
                    _state = _state == State.ScriptDoubleEscaped ? State.ScriptDoubleEscapedDash : State.ScriptDoubleEscapedDashDash;
                }
                else if (c == '<')
                {
                    _state = State.ScriptDoubleEscapedLt;
                }
                else
                {
                    _state = c == '>' && _state == State.ScriptDoubleEscapedDashDash ? State.RawText : State.ScriptDoubleEscaped;
                }

                return false;

            case State.ScriptDoubleEscapedLt:
                if (c == '/')
                {
                    _matchIndex = 0;
                    _state = State.ScriptDoubleEscapeEnd;
                    return false;
                }

                _state = State.ScriptDoubleEscaped;
                return Reconsume(c, at);

            default:
                return false;
        }
    }

    private bool Reconsume(byte c, long at) => Step(c, at);

    private bool ToData()
    {
        _state = State.Data;
        return false;
    }

    private void BeginName(bool endTag, byte first)
    {
        _endTag = endTag;
        _nameLength = 0;
        _maybeBody = endTag && _templateDepth == 0;
        AppendName(first);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendName(byte c)
    {
        if (_nameLength < MaxName)
        {
            _name[_nameLength] = ToLower(c);
        }

        _nameLength++;
        if (_maybeBody && (_nameLength > 4 || _name[_nameLength - 1] != "body"u8[_nameLength - 1]))
        {
            _maybeBody = false;
        }
    }

    private bool EmitTag()
    {
        _state = State.Data;
        var selfClosing = _selfClosing;
        _selfClosing = false;
        var name = _nameLength <= MaxName ? _name.AsSpan(0, _nameLength) : [];
        if (_endTag)
        {
            if (_tail == Tail.Quiet && !name.SequenceEqual("html"u8))
            {
                Loud();
            }

            if (name.SequenceEqual("template"u8) && _templateDepth > 0)
            {
                _templateDepth--;
            }

            if (_foreign > 0)
            {
                EndTagInForeign(name);
            }

            return true;
        }

        _maybeBody = false;
        if (_tail == Tail.Quiet)
        {
            Loud();
        }

        if (_foreign > 0 && !StartTagInForeign(name, selfClosing))
        {
            // Read by the tree builder as a foreign element: the tokenizer goes on as it was.
            return true;
        }

        _raw = Raw(name);
        if (_raw != RawKind.None)
        {
            _rawReturn = State.RawText;
            _state = State.RawText;
        }
        else if (name.SequenceEqual("plaintext"u8))
        {
            _state = State.PlainText;
        }
        else if (name.SequenceEqual("template"u8))
        {
            _templateDepth++;
        }
        else if (!selfClosing && (name.SequenceEqual("svg"u8) || name.SequenceEqual("math"u8)))
        {
            _foreign = 1;
            UpdateExactOnly();
        }
        else if (name.SequenceEqual("frameset"u8) && _templateDepth == 0)
        {
            FramesetSeen = true;
        }

        return true;
    }

    private void Loud()
    {
        _tail = Tail.Loud;
        UpdateExactOnly();
    }

    private void UpdateExactOnly() => _exactOnly = _foreign > 0 || _tail == Tail.Quiet;

    private static RawKind Raw(ReadOnlySpan<byte> name) => name.Length switch
    {
        3 when name.SequenceEqual("xmp"u8) => RawKind.Xmp,
        5 when name.SequenceEqual("style"u8) => RawKind.Style,
        5 when name.SequenceEqual("title"u8) => RawKind.Title,
        6 when name.SequenceEqual("script"u8) => RawKind.Script,
        6 when name.SequenceEqual("iframe"u8) => RawKind.Iframe,
        7 when name.SequenceEqual("noembed"u8) => RawKind.Noembed,
        8 when name.SequenceEqual("noframes"u8) => RawKind.Noframes,
        8 when name.SequenceEqual("noscript"u8) => RawKind.Noscript,
        8 when name.SequenceEqual("textarea"u8) => RawKind.Textarea,
        _ => RawKind.None,
    };

    private static ReadOnlySpan<byte> RawName(RawKind kind) => kind switch
    {
        RawKind.Script => "script"u8,
        RawKind.Style => "style"u8,
        RawKind.Xmp => "xmp"u8,
        RawKind.Iframe => "iframe"u8,
        RawKind.Noembed => "noembed"u8,
        RawKind.Noframes => "noframes"u8,
        RawKind.Noscript => "noscript"u8,
        RawKind.Textarea => "textarea"u8,
        RawKind.Title => "title"u8,
        _ => [],
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWhite(byte c) => c is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\f' or (byte)'\r';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiLetter(byte c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte ToLower(byte c) => (uint)(c - 'A') <= 'Z' - 'A' ? (byte)(c | 0x20) : c;
}
