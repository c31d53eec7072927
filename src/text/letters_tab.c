/* letters_tab.c — data tables of the Vietnamese letters, generated once from
 * the Unicode Character Database (canonical decompositions: facts, no code).
 * Checked letter by letter against the rows written by hand in
 * tests/unit/text_syllable.c and tests/unit/text_fold.c. */
#include "letters.h"

const struct vn_letter vn_letters_lat[0x1B0 - 0xC0 + 1] = {
    [0x00C0 - 0xC0] = {0x0061, 1, 1}, /* À */
    [0x00C1 - 0xC0] = {0x0061, 2, 1}, /* Á */
    [0x00C2 - 0xC0] = {0x00E2, 0, 1}, /* Â */
    [0x00C3 - 0xC0] = {0x0061, 4, 1}, /* Ã */
    [0x00C8 - 0xC0] = {0x0065, 1, 1}, /* È */
    [0x00C9 - 0xC0] = {0x0065, 2, 1}, /* É */
    [0x00CA - 0xC0] = {0x00EA, 0, 1}, /* Ê */
    [0x00CC - 0xC0] = {0x0069, 1, 1}, /* Ì */
    [0x00CD - 0xC0] = {0x0069, 2, 1}, /* Í */
    [0x00D2 - 0xC0] = {0x006F, 1, 1}, /* Ò */
    [0x00D3 - 0xC0] = {0x006F, 2, 1}, /* Ó */
    [0x00D4 - 0xC0] = {0x00F4, 0, 1}, /* Ô */
    [0x00D5 - 0xC0] = {0x006F, 4, 1}, /* Õ */
    [0x00D9 - 0xC0] = {0x0075, 1, 1}, /* Ù */
    [0x00DA - 0xC0] = {0x0075, 2, 1}, /* Ú */
    [0x00DD - 0xC0] = {0x0079, 2, 1}, /* Ý */
    [0x00E0 - 0xC0] = {0x0061, 1, 0}, /* à */
    [0x00E1 - 0xC0] = {0x0061, 2, 0}, /* á */
    [0x00E2 - 0xC0] = {0x00E2, 0, 0}, /* â */
    [0x00E3 - 0xC0] = {0x0061, 4, 0}, /* ã */
    [0x00E8 - 0xC0] = {0x0065, 1, 0}, /* è */
    [0x00E9 - 0xC0] = {0x0065, 2, 0}, /* é */
    [0x00EA - 0xC0] = {0x00EA, 0, 0}, /* ê */
    [0x00EC - 0xC0] = {0x0069, 1, 0}, /* ì */
    [0x00ED - 0xC0] = {0x0069, 2, 0}, /* í */
    [0x00F2 - 0xC0] = {0x006F, 1, 0}, /* ò */
    [0x00F3 - 0xC0] = {0x006F, 2, 0}, /* ó */
    [0x00F4 - 0xC0] = {0x00F4, 0, 0}, /* ô */
    [0x00F5 - 0xC0] = {0x006F, 4, 0}, /* õ */
    [0x00F9 - 0xC0] = {0x0075, 1, 0}, /* ù */
    [0x00FA - 0xC0] = {0x0075, 2, 0}, /* ú */
    [0x00FD - 0xC0] = {0x0079, 2, 0}, /* ý */
    [0x0102 - 0xC0] = {0x0103, 0, 1}, /* Ă */
    [0x0103 - 0xC0] = {0x0103, 0, 0}, /* ă */
    [0x0110 - 0xC0] = {0x0111, 0, 1}, /* Đ */
    [0x0111 - 0xC0] = {0x0111, 0, 0}, /* đ */
    [0x0128 - 0xC0] = {0x0069, 4, 1}, /* Ĩ */
    [0x0129 - 0xC0] = {0x0069, 4, 0}, /* ĩ */
    [0x0168 - 0xC0] = {0x0075, 4, 1}, /* Ũ */
    [0x0169 - 0xC0] = {0x0075, 4, 0}, /* ũ */
    [0x01A0 - 0xC0] = {0x01A1, 0, 1}, /* Ơ */
    [0x01A1 - 0xC0] = {0x01A1, 0, 0}, /* ơ */
    [0x01AF - 0xC0] = {0x01B0, 0, 1}, /* Ư */
    [0x01B0 - 0xC0] = {0x01B0, 0, 0}, /* ư */
};

const struct vn_letter vn_letters_ext[0x1EF9 - 0x1EA0 + 1] = {
    [0x1EA0 - 0x1EA0] = {0x0061, 5, 1}, /* Ạ */
    [0x1EA1 - 0x1EA0] = {0x0061, 5, 0}, /* ạ */
    [0x1EA2 - 0x1EA0] = {0x0061, 3, 1}, /* Ả */
    [0x1EA3 - 0x1EA0] = {0x0061, 3, 0}, /* ả */
    [0x1EA4 - 0x1EA0] = {0x00E2, 2, 1}, /* Ấ */
    [0x1EA5 - 0x1EA0] = {0x00E2, 2, 0}, /* ấ */
    [0x1EA6 - 0x1EA0] = {0x00E2, 1, 1}, /* Ầ */
    [0x1EA7 - 0x1EA0] = {0x00E2, 1, 0}, /* ầ */
    [0x1EA8 - 0x1EA0] = {0x00E2, 3, 1}, /* Ẩ */
    [0x1EA9 - 0x1EA0] = {0x00E2, 3, 0}, /* ẩ */
    [0x1EAA - 0x1EA0] = {0x00E2, 4, 1}, /* Ẫ */
    [0x1EAB - 0x1EA0] = {0x00E2, 4, 0}, /* ẫ */
    [0x1EAC - 0x1EA0] = {0x00E2, 5, 1}, /* Ậ */
    [0x1EAD - 0x1EA0] = {0x00E2, 5, 0}, /* ậ */
    [0x1EAE - 0x1EA0] = {0x0103, 2, 1}, /* Ắ */
    [0x1EAF - 0x1EA0] = {0x0103, 2, 0}, /* ắ */
    [0x1EB0 - 0x1EA0] = {0x0103, 1, 1}, /* Ằ */
    [0x1EB1 - 0x1EA0] = {0x0103, 1, 0}, /* ằ */
    [0x1EB2 - 0x1EA0] = {0x0103, 3, 1}, /* Ẳ */
    [0x1EB3 - 0x1EA0] = {0x0103, 3, 0}, /* ẳ */
    [0x1EB4 - 0x1EA0] = {0x0103, 4, 1}, /* Ẵ */
    [0x1EB5 - 0x1EA0] = {0x0103, 4, 0}, /* ẵ */
    [0x1EB6 - 0x1EA0] = {0x0103, 5, 1}, /* Ặ */
    [0x1EB7 - 0x1EA0] = {0x0103, 5, 0}, /* ặ */
    [0x1EB8 - 0x1EA0] = {0x0065, 5, 1}, /* Ẹ */
    [0x1EB9 - 0x1EA0] = {0x0065, 5, 0}, /* ẹ */
    [0x1EBA - 0x1EA0] = {0x0065, 3, 1}, /* Ẻ */
    [0x1EBB - 0x1EA0] = {0x0065, 3, 0}, /* ẻ */
    [0x1EBC - 0x1EA0] = {0x0065, 4, 1}, /* Ẽ */
    [0x1EBD - 0x1EA0] = {0x0065, 4, 0}, /* ẽ */
    [0x1EBE - 0x1EA0] = {0x00EA, 2, 1}, /* Ế */
    [0x1EBF - 0x1EA0] = {0x00EA, 2, 0}, /* ế */
    [0x1EC0 - 0x1EA0] = {0x00EA, 1, 1}, /* Ề */
    [0x1EC1 - 0x1EA0] = {0x00EA, 1, 0}, /* ề */
    [0x1EC2 - 0x1EA0] = {0x00EA, 3, 1}, /* Ể */
    [0x1EC3 - 0x1EA0] = {0x00EA, 3, 0}, /* ể */
    [0x1EC4 - 0x1EA0] = {0x00EA, 4, 1}, /* Ễ */
    [0x1EC5 - 0x1EA0] = {0x00EA, 4, 0}, /* ễ */
    [0x1EC6 - 0x1EA0] = {0x00EA, 5, 1}, /* Ệ */
    [0x1EC7 - 0x1EA0] = {0x00EA, 5, 0}, /* ệ */
    [0x1EC8 - 0x1EA0] = {0x0069, 3, 1}, /* Ỉ */
    [0x1EC9 - 0x1EA0] = {0x0069, 3, 0}, /* ỉ */
    [0x1ECA - 0x1EA0] = {0x0069, 5, 1}, /* Ị */
    [0x1ECB - 0x1EA0] = {0x0069, 5, 0}, /* ị */
    [0x1ECC - 0x1EA0] = {0x006F, 5, 1}, /* Ọ */
    [0x1ECD - 0x1EA0] = {0x006F, 5, 0}, /* ọ */
    [0x1ECE - 0x1EA0] = {0x006F, 3, 1}, /* Ỏ */
    [0x1ECF - 0x1EA0] = {0x006F, 3, 0}, /* ỏ */
    [0x1ED0 - 0x1EA0] = {0x00F4, 2, 1}, /* Ố */
    [0x1ED1 - 0x1EA0] = {0x00F4, 2, 0}, /* ố */
    [0x1ED2 - 0x1EA0] = {0x00F4, 1, 1}, /* Ồ */
    [0x1ED3 - 0x1EA0] = {0x00F4, 1, 0}, /* ồ */
    [0x1ED4 - 0x1EA0] = {0x00F4, 3, 1}, /* Ổ */
    [0x1ED5 - 0x1EA0] = {0x00F4, 3, 0}, /* ổ */
    [0x1ED6 - 0x1EA0] = {0x00F4, 4, 1}, /* Ỗ */
    [0x1ED7 - 0x1EA0] = {0x00F4, 4, 0}, /* ỗ */
    [0x1ED8 - 0x1EA0] = {0x00F4, 5, 1}, /* Ộ */
    [0x1ED9 - 0x1EA0] = {0x00F4, 5, 0}, /* ộ */
    [0x1EDA - 0x1EA0] = {0x01A1, 2, 1}, /* Ớ */
    [0x1EDB - 0x1EA0] = {0x01A1, 2, 0}, /* ớ */
    [0x1EDC - 0x1EA0] = {0x01A1, 1, 1}, /* Ờ */
    [0x1EDD - 0x1EA0] = {0x01A1, 1, 0}, /* ờ */
    [0x1EDE - 0x1EA0] = {0x01A1, 3, 1}, /* Ở */
    [0x1EDF - 0x1EA0] = {0x01A1, 3, 0}, /* ở */
    [0x1EE0 - 0x1EA0] = {0x01A1, 4, 1}, /* Ỡ */
    [0x1EE1 - 0x1EA0] = {0x01A1, 4, 0}, /* ỡ */
    [0x1EE2 - 0x1EA0] = {0x01A1, 5, 1}, /* Ợ */
    [0x1EE3 - 0x1EA0] = {0x01A1, 5, 0}, /* ợ */
    [0x1EE4 - 0x1EA0] = {0x0075, 5, 1}, /* Ụ */
    [0x1EE5 - 0x1EA0] = {0x0075, 5, 0}, /* ụ */
    [0x1EE6 - 0x1EA0] = {0x0075, 3, 1}, /* Ủ */
    [0x1EE7 - 0x1EA0] = {0x0075, 3, 0}, /* ủ */
    [0x1EE8 - 0x1EA0] = {0x01B0, 2, 1}, /* Ứ */
    [0x1EE9 - 0x1EA0] = {0x01B0, 2, 0}, /* ứ */
    [0x1EEA - 0x1EA0] = {0x01B0, 1, 1}, /* Ừ */
    [0x1EEB - 0x1EA0] = {0x01B0, 1, 0}, /* ừ */
    [0x1EEC - 0x1EA0] = {0x01B0, 3, 1}, /* Ử */
    [0x1EED - 0x1EA0] = {0x01B0, 3, 0}, /* ử */
    [0x1EEE - 0x1EA0] = {0x01B0, 4, 1}, /* Ữ */
    [0x1EEF - 0x1EA0] = {0x01B0, 4, 0}, /* ữ */
    [0x1EF0 - 0x1EA0] = {0x01B0, 5, 1}, /* Ự */
    [0x1EF1 - 0x1EA0] = {0x01B0, 5, 0}, /* ự */
    [0x1EF2 - 0x1EA0] = {0x0079, 1, 1}, /* Ỳ */
    [0x1EF3 - 0x1EA0] = {0x0079, 1, 0}, /* ỳ */
    [0x1EF4 - 0x1EA0] = {0x0079, 5, 1}, /* Ỵ */
    [0x1EF5 - 0x1EA0] = {0x0079, 5, 0}, /* ỵ */
    [0x1EF6 - 0x1EA0] = {0x0079, 3, 1}, /* Ỷ */
    [0x1EF7 - 0x1EA0] = {0x0079, 3, 0}, /* ỷ */
    [0x1EF8 - 0x1EA0] = {0x0079, 4, 1}, /* Ỹ */
    [0x1EF9 - 0x1EA0] = {0x0079, 4, 0}, /* ỹ */
};

const char vn_fold_lat[0x24F - 0x80 + 1] =
    /* U+0080 */ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
    /* U+00A0 */ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
    /* U+00C0 */ "AAAAAA\0CEEEEIIIIDNOOOOO\0OUUUUY\0s"
    /* U+00E0 */ "aaaaaa\0ceeeeiiiidnooooo\0ouuuuy\0y"
    /* U+0100 */ "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGg"
    /* U+0120 */ "GgGgHhHhIiIiIiIiIi\0\0JjKk\0LlLlLl\0"
    /* U+0140 */ "\0LlNnNnNn\0\0\0OoOoOo\0\0RrRrRrSsSsSs"
    /* U+0160 */ "SsTtTtTtUuUuUuUuUuUuWwYyYZzZzZz\0"
    /* U+0180 */ "b\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0I\0\0\0\0\0\0\0\0"
    /* U+01A0 */ "Oo\0\0\0\0\0\0\0\0\0\0\0\0\0Uu\0\0\0\0Zz\0\0\0\0\0\0\0\0\0"
    /* U+01C0 */ "\0\0\0\0\0\0\0\0\0\0\0\0\0AaIiOoUuUuUuUuUu\0Aa"
    /* U+01E0 */ "Aa\0\0\0\0GgKkOoOo\0\0j\0\0\0Gg\0\0NnAa\0\0\0\0"
    /* U+0200 */ "AaAaEeEeIiIiOoOoRrRrUuUuSsTt\0\0Hh"
    /* U+0220 */ "\0\0\0\0\0\0AaEeOoOoOoOoYy\0\0\0\0\0\0\0\0\0\0\0\0"
    /* U+0240 */ "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

const char vn_fold_ext[0x1EFF - 0x1E00 + 1] =
    /* U+1E00 */ "AaBbBbBbCcDdDdDdDdDdEeEeEeEeEeFf"
    /* U+1E20 */ "GgHhHhHhHhHhIiIiKkKkKkLlLlLlLlMm"
    /* U+1E40 */ "MmMmNnNnNnNnOoOoOoOoPpPpRrRrRrRr"
    /* U+1E60 */ "SsSsSsSsSsTtTtTtTtUuUuUuUuUuVvVv"
    /* U+1E80 */ "WwWwWwWwWwXxXxYyZzZzZzhtwy\0\0\0\0S\0"
    /* U+1EA0 */ "AaAaAaAaAaAaAaAaAaAaAaAaEeEeEeEe"
    /* U+1EC0 */ "EeEeEeEeIiIiOoOoOoOoOoOoOoOoOoOo"
    /* U+1EE0 */ "OoOoUuUuUuUuUuUuUuYyYyYyYy\0\0\0\0\0\0";

