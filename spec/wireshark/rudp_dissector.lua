-- Wireshark dissector for rudp protocol version 1 (spec/PROTOCOL.md).
--
-- The protocol is registered as "rudpj" (display filter prefix "rudpj."), not "rudp": Wireshark
-- already has a built-in "rudp" dissector for an unrelated Reliable UDP (Cisco's RUDP).
--
-- What it shows: every header field and type body of spec section 2, the CRC32C of section 3
-- checked, SACK and missing ranges listed one by one, and sequence numbers relative to each
-- side's ISN (seen in its SYN or SYN_ACK). Datagrams that break a rule of section 6.1 carry an
-- expert info named after the rule's error (rudpj.truncated, rudpj.bad_checksum,
-- rudpj.unknown_version, rudpj.unknown_type, rudpj.field_out_of_range): only the first rule
-- broken is reported, because a receiver drops the datagram there.
--
-- Finding rudp: a heuristic on UDP claims datagrams on any port whose layout is valid (version 1,
-- a known type, a body of exactly the length its type requires) and whose CRC32C matches; the
-- rest of that UDP conversation then goes to this dissector too, so a later corrupt datagram shows
-- as rudp with a bad checksum. "Decode As... rudpj" (or tshark -d udp.port==N,rudpj) forces it.
--
-- Loading: copy this file into Wireshark's Personal Lua Plugins folder (Help > About Wireshark >
-- Folders; ~/.local/lib/wireshark/plugins on Linux), or pass it for one run:
--   tshark -X lua_script:spec/wireshark/rudp_dissector.lua -r capture.pcapng
-- Written for Wireshark 4.x, on Lua 5.2 to 5.4: bit operations come from the BitOp library ("bit")
-- that every Wireshark with Lua carries (it returns signed 32-bit numbers: unsigned32 folds them).

local bitops = bit

local rudpj = Proto("rudpj", "rudp (reliable UDP stream, Java reference)")

local HEADER_BYTES = 32
local CHECKSUM_BYTES = 4
local MIN_DATAGRAM = HEADER_BYTES + CHECKSUM_BYTES
local MIN_MAX_PAYLOAD = 64
local TWO_32 = 4294967296
local TWO_31 = 2147483648

local TYPE = { SYN = 1, SYN_ACK = 2, ACK = 3, DATA = 4, NACK = 5, FIN = 6, RST = 7, PROBE = 8 }
local type_names = {}
for name, code in pairs(TYPE) do type_names[code] = name end

local reset_reasons = {
    [1] = "ABORT", [2] = "REFUSED", [3] = "NO_CONNECTION", [4] = "PROTOCOL_VIOLATION", [5] = "TIMEOUT", [6] = "CONNECTION_LIMIT",
}

-- Flag bits (spec 2.4) and what each means on the types it has meaning on (bit 0x01 has two).
local FLAG_LOW = 0x01
local FLAG_ACK_NOW = 0x02
local FLAG_COOKIE = 0x04
local FLAG_PATH_MTU = 0x10
local FLAG_UNKNOWN = 0xE8
local flag_meanings = {
    [FLAG_LOW] = { [TYPE.NACK] = "CORRUPT_SEEN", [TYPE.RST] = "QUEUE_FULL" },
    [FLAG_ACK_NOW] = { [TYPE.DATA] = "ACK_NOW" },
    [FLAG_COOKIE] = { [TYPE.SYN_ACK] = "COOKIE" },
    [FLAG_PATH_MTU] = { [TYPE.PROBE] = "PATH_MTU", [TYPE.ACK] = "PATH_MTU" },
}

local checksum_statuses = { [0] = "Bad", [1] = "Good" }

local f = rudpj.fields
f.version = ProtoField.uint8("rudpj.version", "Version", base.DEC)
f.type = ProtoField.uint8("rudpj.type", "Type", base.DEC, type_names)
f.flags = ProtoField.uint8("rudpj.flags", "Flags", base.HEX)
f.flag_corrupt_seen = ProtoField.bool("rudpj.flags.corrupt_seen", "CORRUPT_SEEN (NACK)", 8, nil, FLAG_LOW)
f.flag_queue_full = ProtoField.bool("rudpj.flags.queue_full", "QUEUE_FULL (RST)", 8, nil, FLAG_LOW)
f.flag_ack_now = ProtoField.bool("rudpj.flags.ack_now", "ACK_NOW (DATA)", 8, nil, FLAG_ACK_NOW)
f.flag_cookie = ProtoField.bool("rudpj.flags.cookie", "COOKIE (SYN_ACK)", 8, nil, FLAG_COOKIE)
f.flag_path_mtu = ProtoField.bool("rudpj.flags.path_mtu", "PATH_MTU (PROBE: padded path MTU probe; ACK: its answer)", 8, nil, FLAG_PATH_MTU)
f.flag_unknown = ProtoField.uint8("rudpj.flags.unknown", "Unknown bits", base.HEX, nil, FLAG_UNKNOWN)
f.reserved = ProtoField.uint8("rudpj.reserved", "Reserved", base.HEX)
f.dst_conn_id = ProtoField.uint32("rudpj.dst_conn_id", "Destination Connection ID", base.HEX)
f.src_conn_id = ProtoField.uint32("rudpj.src_conn_id", "Source Connection ID", base.HEX)
f.seq = ProtoField.uint32("rudpj.seq", "Sequence Number", base.DEC)
f.seq_rel = ProtoField.uint32("rudpj.seq_rel", "Sequence Number (relative)", base.DEC)
f.ack = ProtoField.uint32("rudpj.ack", "Acknowledgment Number", base.DEC)
f.ack_rel = ProtoField.uint32("rudpj.ack_rel", "Acknowledgment Number (relative)", base.DEC)
f.window = ProtoField.uint32("rudpj.window", "Receive Window", base.DEC)
f.timestamp = ProtoField.uint32("rudpj.timestamp", "Timestamp (us)", base.DEC)
f.timestamp_echo = ProtoField.uint32("rudpj.timestamp_echo", "Timestamp Echo", base.DEC)
f.padding = ProtoField.bytes("rudpj.padding", "Padding (path MTU probe)")
f.max_payload = ProtoField.uint16("rudpj.max_payload", "Max Payload", base.DEC)
f.range_count = ProtoField.uint8("rudpj.range_count", "Range Count", base.DEC)
f.range = ProtoField.none("rudpj.range", "Range")
f.range_start = ProtoField.uint32("rudpj.range.start", "Start", base.DEC)
f.range_end = ProtoField.uint32("rudpj.range.end", "End", base.DEC)
f.range_start_rel = ProtoField.uint32("rudpj.range.start_rel", "Start (relative)", base.DEC)
f.range_end_rel = ProtoField.uint32("rudpj.range.end_rel", "End (relative)", base.DEC)
f.range_length = ProtoField.uint32("rudpj.range.length", "Sequence numbers covered", base.DEC)
f.payload_length = ProtoField.uint16("rudpj.payload_length", "Payload Length", base.DEC)
f.payload = ProtoField.bytes("rudpj.payload", "Payload")
f.reason = ProtoField.uint8("rudpj.reason", "Reason", base.DEC, reset_reasons)
f.checksum = ProtoField.uint32("rudpj.checksum", "CRC32C", base.HEX)
f.checksum_calculated = ProtoField.uint32("rudpj.checksum.calculated", "Calculated CRC32C", base.HEX)
f.checksum_status = ProtoField.uint8("rudpj.checksum.status", "Checksum Status", base.DEC, checksum_statuses)

-- One expert info per error of spec 6.1, named as vectors/invalid.txt names them, and notes for
-- what a receiver ignores or drops outside 6.1.
local MALFORMED, ERROR = expert.group.MALFORMED, expert.severity.ERROR
local e = rudpj.experts
e.truncated = ProtoExpert.new("rudpj.truncated", "TRUNCATED", MALFORMED, ERROR)
e.bad_checksum = ProtoExpert.new("rudpj.bad_checksum", "BAD_CHECKSUM", expert.group.CHECKSUM, ERROR)
e.unknown_version = ProtoExpert.new("rudpj.unknown_version", "UNKNOWN_VERSION", MALFORMED, ERROR)
e.unknown_type = ProtoExpert.new("rudpj.unknown_type", "UNKNOWN_TYPE", MALFORMED, ERROR)
e.field_out_of_range = ProtoExpert.new("rudpj.field_out_of_range", "FIELD_OUT_OF_RANGE", MALFORMED, ERROR)
e.ignored = ProtoExpert.new("rudpj.ignored", "Ignored on receipt", expert.group.PROTOCOL, expert.severity.NOTE)
e.dropped = ProtoExpert.new("rudpj.dropped", "Dropped by the receiving endpoint", expert.group.PROTOCOL, expert.severity.WARN)
e.empty_data = ProtoExpert.new("rudpj.empty_data", "DATA without payload", expert.group.SEQUENCE, expert.severity.NOTE)

---------------------------------------------------------------------------------------------------
-- CRC32C (spec 3): Castagnoli polynomial 0x1EDC6F41, reflected (0x82F63B78), init and final XOR
-- 0xFFFFFFFF, over all bytes before the 4-byte big-endian trailer.

local crc_table = {}
for i = 0, 255 do
    local c = i
    for _ = 1, 8 do
        if bitops.band(c, 1) ~= 0 then
            c = bitops.bxor(0x82F63B78, bitops.rshift(c, 1))
        else
            c = bitops.rshift(c, 1)
        end
    end
    crc_table[i] = c
end

local function unsigned32(x)
    return x % TWO_32
end

local function crc32c(tvb, length)
    local crc = 0xFFFFFFFF
    local bytes = tvb:raw(0, length)
    local chunk = 4096 -- string.byte returns its bytes on the stack: read in chunks
    for from = 1, length, chunk do
        local to = math.min(from + chunk - 1, length)
        local values = { string.byte(bytes, from, to) }
        for i = 1, #values do
            crc = bitops.bxor(crc_table[bitops.band(bitops.bxor(crc, values[i]), 0xFF)], bitops.rshift(crc, 8))
        end
    end
    return unsigned32(bitops.bxor(crc, 0xFFFFFFFF))
end

---------------------------------------------------------------------------------------------------
-- Body lengths (spec 6.1 rules 5 and 6): the body length a type requires, or nil if the body is
-- too short to tell (an ACK or NACK without its count byte, a DATA without its length field).
-- A path MTU probe's body is padding of any length (spec 2.3, 9.13).

local function required_body_length(tvb, type_code, body_length)
    if type_code == TYPE.SYN or type_code == TYPE.SYN_ACK then return 2 end
    if type_code == TYPE.PROBE and bitops.band(tvb(2, 1):uint(), FLAG_PATH_MTU) ~= 0 then return body_length end
    if type_code == TYPE.FIN or type_code == TYPE.PROBE then return 0 end
    if type_code == TYPE.RST then return 1 end
    if type_code == TYPE.ACK or type_code == TYPE.NACK then
        if body_length < 1 then return 1 end
        return 1 + 8 * tvb(HEADER_BYTES, 1):uint()
    end
    if type_code == TYPE.DATA then
        if body_length < 2 then return 2 end
        return 2 + tvb(HEADER_BYTES, 2):uint()
    end
    return nil
end

---------------------------------------------------------------------------------------------------
-- Relative sequence numbers. Each side's ISN is learnt from its SYN or SYN_ACK (a SYN_ACK also
-- tells the client's: its ack is client ISN + 1), keyed by the side's address, port and
-- connection id. Learnt on the first pass in frame order and kept per frame number, so that
-- re-dissecting any frame later (clicking in the GUI) finds the ISN that was in force then.

local isns = {}

local function side_key(address, port, conn_id)
    return tostring(address) .. "|" .. port .. "|" .. conn_id
end

local function learn_isn(key, isn, frame)
    local known = isns[key]
    if known == nil then
        known = {}
        isns[key] = known
    end
    local last = known[#known]
    if last == nil or last.isn ~= isn then
        known[#known + 1] = { frame = frame, isn = isn }
    end
end

local function isn_at(key, frame)
    local known = isns[key]
    if known == nil then return nil end
    for i = #known, 1, -1 do
        if known[i].frame <= frame then return known[i].isn end
    end
    return nil
end

local function relative(number, isn)
    if isn == nil then return nil end
    return unsigned32(number - isn)
end

function rudpj.init()
    isns = {}
end

---------------------------------------------------------------------------------------------------
-- The dissection. `Check` reports only the first rule broken, as a receiver stops there.

local Check = {}
Check.__index = Check

local function new_check()
    return setmetatable({ failed = nil }, Check)
end

function Check:fail(item, expert_field, rule, text)
    if self.failed == nil then
        self.failed = expert_field
        item:add_proto_expert_info(expert_field, rule .. ": " .. text)
    end
end

local function add_flags(tree, tvb, type_code, flags)
    local item = tree:add(f.flags, tvb(2, 1))
    item:add(type_code == TYPE.RST and f.flag_queue_full or f.flag_corrupt_seen, tvb(2, 1))
    item:add(f.flag_ack_now, tvb(2, 1))
    item:add(f.flag_cookie, tvb(2, 1))
    item:add(f.flag_path_mtu, tvb(2, 1))
    item:add(f.flag_unknown, tvb(2, 1))
    local names = {}
    for bit_value, meanings in pairs(flag_meanings) do
        if bitops.band(flags, bit_value) ~= 0 then
            local name = meanings[type_code]
            if name then
                names[#names + 1] = name
            else
                local owners = {}
                for owner, owner_name in pairs(meanings) do owners[#owners + 1] = owner_name .. " on " .. type_names[owner] end
                table.sort(owners)
                names[#names + 1] = string.format("0x%02x", bit_value)
                item:add_proto_expert_info(e.ignored, string.format("flag 0x%02x has meaning only as ", bit_value)
                    .. table.concat(owners, " or ") .. " (spec 2.4): receivers ignore it here")
            end
        end
    end
    if bitops.band(flags, FLAG_UNKNOWN) ~= 0 then
        item:add_proto_expert_info(e.ignored, string.format("unknown flag bits 0x%02x (spec 2.4: receivers ignore them)",
            bitops.band(flags, FLAG_UNKNOWN)))
    end
    table.sort(names)
    return names
end

-- Adds the sequence-number fields, relative ones where the ISN is known, and returns the
-- relative (or, unknown, the raw) seq and ack for the Info column, and the receiver's ISN.
local function add_sequence_numbers(tree, tvb, pinfo, h)
    local sender = side_key(pinfo.src, pinfo.src_port, h.src)
    local receiver = side_key(pinfo.dst, pinfo.dst_port, h.dst)
    if not pinfo.visited then
        if h.type == TYPE.SYN or h.type == TYPE.SYN_ACK then learn_isn(sender, h.seq, pinfo.number) end
        if h.type == TYPE.SYN_ACK then learn_isn(receiver, unsigned32(h.ack - 1), pinfo.number) end
    end
    local peer_isn = isn_at(receiver, pinfo.number)
    tree:add(f.seq, tvb(12, 4))
    local seq_rel = relative(h.seq, isn_at(sender, pinfo.number))
    if seq_rel ~= nil then tree:add(f.seq_rel, tvb(12, 4), seq_rel):set_generated() end
    tree:add(f.ack, tvb(16, 4))
    local ack_rel = nil
    if h.type ~= TYPE.SYN then
        ack_rel = relative(h.ack, peer_isn)
        if ack_rel ~= nil then tree:add(f.ack_rel, tvb(16, 4), ack_rel):set_generated() end
    elseif h.ack ~= 0 then
        tree:add_proto_expert_info(e.ignored, "a SYN's ack is 0 and ignored on receipt (spec 2.1)")
    end
    return seq_rel or h.seq, ack_rel or h.ack, peer_isn
end

local function add_ranges(tree, tvb, h, check, peer_isn)
    local count = tvb(HEADER_BYTES, 1):uint()
    tree:add(f.range_count, tvb(HEADER_BYTES, 1))
    local label = h.type == TYPE.ACK and "SACK range" or "Missing range"
    local texts = {}
    for i = 0, count - 1 do
        local at = HEADER_BYTES + 1 + 8 * i
        local first, last = tvb(at, 4):uint(), tvb(at + 4, 4):uint()
        local length = unsigned32(last - first)
        local start_rel, end_rel = relative(first, peer_isn), relative(last, peer_isn)
        local shown_start, shown_end = start_rel or first, end_rel or last
        local item = tree:add(f.range, tvb(at, 8))
        item:set_text(string.format("%s %d: [%d, %d) (%d sequence numbers)", label, i + 1, shown_start, shown_end, length))
        item:add(f.range_start, tvb(at, 4))
        item:add(f.range_end, tvb(at + 4, 4))
        if start_rel ~= nil then
            item:add(f.range_start_rel, tvb(at, 4), start_rel):set_generated()
            item:add(f.range_end_rel, tvb(at + 4, 4), end_rel):set_generated()
        end
        item:add(f.range_length, tvb(at, 8), length):set_generated()
        if length == 0 or length >= TWO_31 then
            check:fail(item, e.field_out_of_range, "spec 2.3, 6.1 rule 7", string.format(
                "range %d [%d, %d) covers %d sequence numbers; a range covers 1 to 2^31 - 1", i + 1, first, last, length))
        end
        if i < 4 then texts[#texts + 1] = string.format("[%d,%d)", shown_start, shown_end) end
    end
    if count > 4 then texts[#texts + 1] = string.format("+%d more", count - 4) end
    if count == 0 then return "" end
    return (h.type == TYPE.ACK and " SACK=" or " Missing=") .. table.concat(texts, " ")
end

-- The type body; returns text for the Info column.
local function add_body(tree, tvb, h, check, peer_isn)
    if h.type == TYPE.SYN or h.type == TYPE.SYN_ACK then
        local item = tree:add(f.max_payload, tvb(HEADER_BYTES, 2))
        local max_payload = tvb(HEADER_BYTES, 2):uint()
        if max_payload < MIN_MAX_PAYLOAD then
            check:fail(item, e.field_out_of_range, "spec 2.3, 6.1 rule 7",
                string.format("max payload %d is below the minimum of %d", max_payload, MIN_MAX_PAYLOAD))
        end
        return string.format(" MaxPayload=%d", max_payload)
    elseif h.type == TYPE.ACK or h.type == TYPE.NACK then
        return add_ranges(tree, tvb, h, check, peer_isn)
    elseif h.type == TYPE.DATA then
        local length = tvb(HEADER_BYTES, 2):uint()
        local item = tree:add(f.payload_length, tvb(HEADER_BYTES, 2))
        if length > 0 then
            tree:add(f.payload, tvb(HEADER_BYTES + 2, length))
        else
            item:add_proto_expert_info(e.empty_data, "valid, occupies no sequence number; senders SHOULD send an ACK instead (spec 2.3)")
        end
        return string.format(" Len=%d", length)
    elseif h.type == TYPE.RST then
        local item = tree:add(f.reason, tvb(HEADER_BYTES, 1))
        local code = tvb(HEADER_BYTES, 1):uint()
        if reset_reasons[code] == nil then
            check:fail(item, e.field_out_of_range, "spec 2.3, 6.1 rule 7", string.format("RST reason code %d; codes are 1 to 6", code))
            return string.format(" Reason=%d", code)
        end
        return " " .. reset_reasons[code]
    elseif h.type == TYPE.PROBE and tvb:len() > MIN_DATAGRAM then
        tree:add(f.padding, tvb(HEADER_BYTES, tvb:len() - MIN_DATAGRAM))
        return string.format(" Size=%d", tvb:len())
    end
    return ""
end

-- Checks the datagram's length against its type (rules 5 and 6); returns whether the body can be read.
local function check_body_length(tree, tvb, h, body_length, check)
    local required = required_body_length(tvb, h.type, body_length)
    if body_length < required then
        check:fail(tree, e.truncated, "spec 6.1 rule 5", string.format("%s body is %d bytes, needs %d",
            type_names[h.type], body_length, required))
        return false
    elseif body_length > required then
        check:fail(tree, e.field_out_of_range, "spec 6.1 rule 6", string.format("%s body is %d bytes, must be %d (trailing bytes)",
            type_names[h.type], body_length, required))
    end
    return true
end

-- Checks the connection ids against section 5 (drops a receiving endpoint makes after decoding).
local function check_conn_ids(item, h)
    if h.type == TYPE.SYN and h.dst ~= 0 then
        item:add_proto_expert_info(e.dropped, "a SYN whose dst conn id is not 0 MUST be dropped (spec 5)")
    elseif h.type ~= TYPE.SYN and h.dst == 0 then
        item:add_proto_expert_info(e.dropped, "a non-SYN packet with dst conn id 0 MUST be dropped (spec 5)")
    end
end

local function add_checksum(tree, tvb, length, check)
    local trailer = length - CHECKSUM_BYTES
    local stored = tvb(trailer, CHECKSUM_BYTES):uint()
    local computed = crc32c(tvb, trailer)
    local item = tree:add(f.checksum, tvb(trailer, CHECKSUM_BYTES))
    tree:add(f.checksum_calculated, tvb(trailer, CHECKSUM_BYTES), computed):set_generated()
    local good = stored == computed
    tree:add(f.checksum_status, tvb(trailer, CHECKSUM_BYTES), good and 1 or 0):set_generated()
    if good then
        item:append_text(" [correct]")
    else
        item:append_text(string.format(" [incorrect, should be 0x%08x]", computed))
        check:fail(item, e.bad_checksum, "spec 3, 6.1 rule 2",
            string.format("CRC32C is 0x%08x, trailer says 0x%08x (all fields are untrustworthy)", computed, stored))
    end
    return good
end

local function set_info(pinfo, text, checksum_good)
    pinfo.cols.info = checksum_good and text or text .. " [BAD CHECKSUM]"
end

local function dissect(tvb, pinfo, tree)
    local length = tvb:len()
    pinfo.cols.protocol = "rudpj"
    local root = tree:add(rudpj, tvb())
    local check = new_check()
    if length < MIN_DATAGRAM then
        check:fail(root, e.truncated, "spec 6.1 rule 1",
            string.format("%d bytes is less than the %d-byte minimum (header and checksum)", length, MIN_DATAGRAM))
        pinfo.cols.info = string.format("rudp [TRUNCATED: %d bytes]", length)
        return length
    end
    local good = add_checksum(root, tvb, length, check)
    local version = tvb(0, 1):uint()
    local version_item = root:add(f.version, tvb(0, 1))
    if version ~= 1 then
        check:fail(version_item, e.unknown_version, "spec 6.1 rule 3", string.format("version %d; this is version 1", version))
        set_info(pinfo, string.format("rudp [UNKNOWN VERSION %d]", version), good)
        return length
    end
    local h = { type = tvb(1, 1):uint(), dst = tvb(4, 4):uint(), src = tvb(8, 4):uint(), seq = tvb(12, 4):uint(),
                ack = tvb(16, 4):uint() }
    local type_item = root:add(f.type, tvb(1, 1))
    local type_name = type_names[h.type]
    if type_name == nil then
        check:fail(type_item, e.unknown_type, "spec 2.2, 6.1 rule 4", string.format("type code %d; codes are 1 to 8", h.type))
        set_info(pinfo, string.format("rudp [UNKNOWN TYPE %d]", h.type), good)
        return length
    end
    local flag_names_set = add_flags(root, tvb, h.type, tvb(2, 1):uint())
    local reserved_item = root:add(f.reserved, tvb(3, 1))
    if tvb(3, 1):uint() ~= 0 then
        reserved_item:add_proto_expert_info(e.ignored, "the reserved byte is sent as 0 and ignored on receipt (spec 2.1)")
    end
    root:add(f.dst_conn_id, tvb(4, 4))
    local src_item = root:add(f.src_conn_id, tvb(8, 4))
    check_conn_ids(src_item, h)
    local seq_shown, ack_shown, peer_isn = add_sequence_numbers(root, tvb, pinfo, h)
    root:add(f.window, tvb(20, 4))
    root:add(f.timestamp, tvb(24, 4))
    root:add(f.timestamp_echo, tvb(28, 4))

    local body_text = ""
    if check_body_length(root, tvb, h, length - MIN_DATAGRAM, check) then
        body_text = add_body(root, tvb, h, check, peer_isn)
    end
    local info = string.format("%s Seq=%d Ack=%d Win=%d%s", type_name, seq_shown, ack_shown, tvb(20, 4):uint(), body_text)
    if #flag_names_set > 0 then info = info .. " [" .. table.concat(flag_names_set, ",") .. "]" end
    set_info(pinfo, info, good)
    root:append_text(string.format(", %s, Src ID: 0x%08x, Dst ID: 0x%08x, Seq: %d, Ack: %d", type_name, h.src, h.dst,
        seq_shown, ack_shown))
    return length
end

function rudpj.dissector(tvb, pinfo, tree)
    return dissect(tvb, pinfo, tree)
end

---------------------------------------------------------------------------------------------------
-- The heuristic: claims a UDP datagram that passes spec 6.1 rules 1 to 6 (rule 7's field values
-- are left to the dissector to flag), the checksum last because it reads every byte.

local function looks_like_rudp(tvb)
    local length = tvb:len()
    if length < MIN_DATAGRAM then return false end
    if tvb(0, 1):uint() ~= 1 then return false end
    local type_code = tvb(1, 1):uint()
    if type_names[type_code] == nil then return false end
    local body_length = length - MIN_DATAGRAM
    if required_body_length(tvb, type_code, body_length) ~= body_length then return false end
    return crc32c(tvb, length - CHECKSUM_BYTES) == tvb(length - CHECKSUM_BYTES, CHECKSUM_BYTES):uint()
end

local function heuristic(tvb, pinfo, tree)
    if not looks_like_rudp(tvb) then return false end
    pinfo.conversation = rudpj
    dissect(tvb, pinfo, tree)
    return true
end

rudpj:register_heuristic("udp", heuristic)
DissectorTable.get("udp.port"):add_for_decode_as(rudpj)
