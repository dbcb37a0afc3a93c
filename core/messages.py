"""Chinese texts the core raises or warns with. Stdlib only.

Helpers: append new texts at the end of this file, in a section named after your module.
"""
from __future__ import annotations

DATABASE_BUSY = "数据库正被其他人写入，请稍后重试"
DB_MISSING = "数据库 {path} 不存在。请先运行 docket init 创建（或用 docket demo 生成演示库）"
DB_NEWER = "数据库 {path} 由更新版本的 docket 创建（结构版本 {found}，本程序只认识到 {known}），请升级 docket 后再打开"
DB_HAS_DATA = "数据库 {path} 已有数据，init 不会改动它。换一个 --db 路径，或先备份后另行处理"
NOT_A_DB = "{path} 不是 docket 数据库文件"
STALE = "第{number}号{kind}已被 {by} 修改，已重新载入，请核对后再提交"

ITEM_NOT_FOUND = "第{number}号不存在（{session}）。用 docket list 查看已有编号"
SESSION_NOT_FOUND = "届次“{name}”不存在"
NO_SESSION = "尚未建立届次，请先运行 docket init"
UNIT_NOT_FOUND = "单位“{name}”不存在"
UNIT_CLOSE = "，相近的有：{matches}"
UNIT_AMBIGUOUS = "单位“{name}”不明确，可能是：{matches}。请写全称"
UNIT_EXISTS = "单位“{name}”已存在"
UNIT_NAME_EMPTY = "单位名称：不能为空"

FIELD_EMPTY = "{field}：不能为空"
RECEIVED_FUTURE = "提出日期：{day} 晚于今天（{today}），请核对"
ON_FUTURE = "{field}：{day} 晚于今天（{today}），不能预先登记"
UNKNOWN_KIND = "类型：未知的类型“{kind}”，应为 suggestion（建议）、motion（议案）或 proposal（提案）"
KIND_NOT_FOR_BODY = "类型：{body} 不受理“{kind}”"
CATEGORY_UNLISTED = "类别“{category}”不在常用类别中，已照录"
NAME_TRAILING_DENG = "领衔人“{raw}”末尾的“等”已去掉"

ILLEGAL = "第{number}号{kind}{state}，不能{action}"
REASON_REQUIRED = "{action}需要写明理由"
MERGE_SELF = "不能把第{number}号并入它自己"
MERGE_TARGET_STATE = "第{number}号{kind}{state}，不能作为并案的主件"
MERGE_KIND = "第{number}号与第{target}号类型不同，不能并案"
MERGE_HAS_MEMBERS = "已有其他件并入第{number}号，它不能再并入别的件"
AS_KIND_ONLY_MOTION = "只有议案可以转为建议处理（第{number}号是{kind}）"

LEAD_IN_SUPPORT = "主办单位“{unit}”不能同时是协办单位"
LEAD_MISMATCH = "第{number}号的主办单位是{current}，不是{given}。更换主办单位需先退回"
DUE_BEFORE_ON = "期限：{due} 早于交办日期 {on}"
DUE_AFTER_CAP = "期限：{due} 超过最长期限 {cap}（deadline.max）"
NOT_ASSIGNED_UNIT = "第{number}号没有交办给{unit}（或已退回、已结束）"
ALREADY_SUPPORT = "{unit}已是第{number}号的协办单位"
RETURN_LATE = "第{number}号{unit}的异议期已于{until}届满"
RETURN_REPLIED = "{unit}已就第{number}号答复，不能退回"
EXTEND_NOT_LATER = "新期限 {new} 不晚于现在的期限 {current}"
EXTEND_SUPPORT_AFTER_LEAD = "协办期限 {new} 不能晚于主办期限 {lead}"
CLASS_REQUIRED = "主办单位答复须写明类别（{codes}）"
CLASS_UNKNOWN = "类别：未知的代码“{code}”，可用：{codes}"
CLASS_FOR_SUPPORT = "协办意见不写类别（{unit}是协办单位）"
REPLY_BEFORE_ASSIGN = "答复日期 {on} 早于交办日期 {assigned}"
REPLY_WAITING = "会签：{units} 尚未提供协办意见（reply.require_support）"
REPLY_MISSING_OPINIONS = "{units} 未提供协办意见，已按“未提供意见”结束其协办"
ALREADY_REPLIED = "{unit}本轮已答复第{number}号"
NO_REPLY_TO_FIX = "第{number}号还没有主办单位的答复，无法更正类别"
UNKNOWN_LEVEL = "{field}：未知的等次“{value}”，应为 满意、基本满意 或 不满意"
ATTITUDE_REQUIRED = "办理态度：不能为空（evaluation.attitude = required）"
EVAL_BEFORE_REPLY = "评价日期 {on} 早于答复日期 {reply}"
ALREADY_EVALUATED = "第{number}号本轮已评价"
BAD_YESNO = "{field}：应为 yes 或 no"
NOTHING_SELECTED = "没有选中任何件"

# -- handling (fixes found by the test suite) --
NO_RATING_DUE = "第{number}号上一轮已评价“{level}”，本轮重新办理后无需再评价"

# reminders/stats/export
OUT_FORMAT = "输出文件 {name}：格式应为 {formats}，请改用这些扩展名"
OUT_DIR_MISSING = "输出目录 {folder} 不存在，请先创建或换一个目录"
OUT_DIR_READONLY = "输出目录 {folder} 无法写入，请检查权限或换一个目录"
OUT_IS_DIR = "{path} 是一个目录，请写出文件名，例如 {example}"

# -- text hygiene (core/text.py) --
CONTROL_REFUSED = "{field}：含有控制字符 {code}（如终端转义序列），请删去后重试"
CONTROL_CLEANED = "有 {count} 个单元格含控制字符或终端转义序列，已删去这些字符后导入"

# the store's file: where it lives, what it is, its audit anchor (store/db.py, store/events.py)
DB_EMPTY_FILE = "{path} 是空文件，不是 docket 数据库（新建数据库请用 docket init），文件未改动"
DB_ON_NETWORK = ("数据库 {path} 位于网络文件系统（{fs}）上：SQLite 的 WAL 日志依赖共享内存和文件锁，"
                 "在网络盘上可能静默损坏数据，已拒绝打开。请把数据库放在本机磁盘上；多人使用时，"
                 "请登录保存数据库的那台服务器（如 ssh）再运行 docket")
NUMBER_TOO_LARGE = "编号 {number} 过大：编号应为 1 到 {limit} 之间的整数"
NUMBERS_EXHAUSTED = "本届次编号已到上限 {limit}，无法自动编号；请检查是否误录了过大的编号"
BACKUP_ONTO_LIVE = "{path} 就是当前数据库，不能备份到它自身；请另写一个文件名"
DB_DISK_FULL = ("数据库 {path} 所在的磁盘已满，本次操作未执行，数据未改动。请清理该磁盘"
                "（或把数据库移到空间充足的磁盘）后重试")
DB_READ_ONLY = ("数据库 {path} 无法写入（文件或所在文件夹是只读的、没有写入权限，或磁盘以只读方式挂载），"
                "本次操作未执行，数据未改动。请让管理员开放写入权限，或把数据库复制到可写的位置后重试")

# what to do next (DocketError.hint): the CLI words them in commands/messages.py HINTS, the TUI
# in tui/strings.py HINTS, each in its own terms (a flag or command; a form field or a key)
HINT_REASON = "reason"  # a reason is required
HINT_UNIT_ADD = "unit_add"  # a unit not in the directory (and none close)
HINT_FORCE = "force"  # refused unless forced (a return after the objection window)
HINT_RETURN = "return"  # the lead is changed by returning the item first
HINT_MERGE_INTO = "merge_into"  # a merge names its master item
HINT_SUPPORT = "support"  # an assigned item takes more supporting units only
HINT_ROUND_NEW = "appraisal_new"  # no appraisal round yet
HINT_ROUND_DEPARTMENT = "appraisal_department"  # a department is not in the round
HINT_ROUND_GROUP = "appraisal_group"  # a voter group is not in the round
HINT_ALLOW_MISSING = "allow_missing"  # some tallies are missing
MERGE_NUMBER = "并案需指明主件编号"

# -- the round trip with units (core/packets.py, core/reply_review.py, core/disclosure.py) --
PACKET_TITLE = "办理情况反馈表"
PACKET_NOTE = ("灰色列请勿改动。主办件填答复日期、类别（{codes}）、答复文号、摘要、联系人、联系电话、"
               "沟通方式和沟通日期；协办件填协办意见和会签（是/否）；需延期的填申请延期至和延期理由。"
               "日期写作 2026-03-05。未填写的行不导入。")
PACKET_NONE = "没有尚未答复的交办件，未生成反馈表"
PACKET_UNIT_NONE = "{unit}没有尚未答复的交办件，未生成其反馈表"
PACKET_NOT_OURS = "文件“{file}”不是 docket 发出的办理情况反馈表（找不到隐藏的身份信息），未导入"
PACKET_UNKNOWN = "文件“{file}”的反馈表编号 {serial} 在本数据库中没有记录，未导入"
PACKET_TAMPERED = "文件“{file}”的身份信息与发出时不符（校验未通过），未导入。请让单位在原表上填写"
PACKET_OLD = ("文件“{file}”是{unit}的旧反馈表（第{serial}号，{issued}发出），已有更新的第{latest}号"
              "（{latest_on}发出），未导入。请让单位填写最新的反馈表")
PACKET_WRONG_UNIT = "文件“{file}”是{owner}的反馈表，不是{unit}的，未导入"
PACKET_NO_HEADER = "文件“{file}”中找不到反馈表的表头（编号、答复日期……），未导入"
PACKET_BAD_ROWS = "文件“{file}”有 {count} 处问题，未导入任何内容："
ROW_NOT_IN_PACKET = "第{row}行 编号：第{number}号不在这份反馈表中"
ROW_NO_LONGER = "第{row}行 编号：第{number}号已不由{unit}承办（已退回或已办结）"
ROW_FORMULA = "第{row}行 {field}：含有公式，请改为直接填写内容"
ROW_CONTROL = "第{row}行 {field}：含有控制字符，请删去后重新导入"
ROW_NUMBER_EMPTY = "第{row}行 编号：不能为空"
ROW_FIELD = "第{row}行 {field}：{problem}"
ROW_CLASS_MISSING = "第{row}行 类别：主办件的答复须填写类别（{codes}）"
ROW_CLASS_UNKNOWN = "第{row}行 类别：“{code}”不在答复类别 {codes} 中"
ROW_CLASS_SUPPORT = "第{row}行 类别：协办件不填类别"
ROW_DATE_MISSING = "第{row}行 答复日期：填写了答复内容，但没有答复日期"
ROW_DATE_EARLY = "第{row}行 {field}：{day} 早于交办日期 {assigned}"
ROW_DATE_FUTURE = "第{row}行 {field}：{day} 晚于今天（{today}）"
ROW_EXTEND_REASON = "第{row}行 延期理由：申请延期须写明理由"
ROW_EXTEND_NOT_LATER = "第{row}行 申请延期至：{day} 不晚于现在的期限 {due}"
ROW_EXTEND_CAP = "第{row}行 申请延期至：{day} 超过最长期限 {cap}（设置 deadline.max）"
ROW_EXTEND_SUPPORT = "第{row}行 申请延期至：{day} 晚于主办单位的期限 {lead}"
ROW_PENDING = "第{row}行：第{number}号已有一份待审核的答复（{on}），请等审核退回后再报"
ROW_REPLIED = "第{row}行：第{number}号已经答复（{on}），不能再报"
ROW_EXTEND_PENDING = "第{row}行：第{number}号已有待批的延期申请（至 {until}）"
ROW_SUPPORT_ONLY = "第{row}行 {field}：只有协办件填写"
ROW_DUPLICATE = "第{row}行 编号：第{number}号在表中出现了两次（另见第{other}行）"
REVIEW_NONE = "第{number}号没有待审核的答复"
REVIEW_RETURN_REASON = "退回答复需要写明理由"
EXTENSION_NONE = "第{number}号没有待批的延期申请"
EXTENSION_WHICH = "第{number}号有多个单位申请延期（{units}），请用 --unit 指明"
EXTENSION_STALE = "{unit}对第{number}号的延期申请（至 {until}）已不再适用：{problem}"
REVIEW_LEAD_ONLY = "只有主办单位的答复需要审核；{unit}是第{number}号的协办单位，请直接登记协办意见"
REVIEW_PENDING = "第{number}号已有一份待审核的答复（{on}），请先审核"
ROW_TITLE_MISMATCH = "第{row}行 标题：与第{number}号的标题不符（排序时是否只选中了部分列？），请用原表重新填写"

# -- progress against plan (core/progress.py), shared by rectification and projects --
PROGRESS_NOT_NUMBER = "进度：“{text}”不是数字，应为 0 到 100 之间的整数"
PROGRESS_RANGE = "进度：{text} 超出范围，应为 0 到 100 之间的整数"
PROGRESS_WHOLE = "进度：{text} 应为整数（0 到 100）"
PROGRESS_LATER_LOWER = "进度：{percent}% 高于 {on} 报送的 {later}%，补登后其后的进度将回退；请核对日期和进度"
PROGRESS_BACKWARDS = "进度：{percent}% 低于上次报送的 {previous}%，进度回退须用 --note 写明原因"
PROGRESS_LATE = "未按时报送进度"
PROGRESS_BEHIND = "进度滞后于计划"  # remind: a tracked item red or yellow by its lag alone

# -- rectification (core/rectify.py) --
RECTIFY_NO_ROUND = "尚未建立整改，请先运行 docket rectify new 名称"
RECTIFY_ROUND_NOT_FOUND = "整改“{name}”不存在。用 docket rectify list 查看"
RECTIFY_ROUND_EXISTS = "名称“{name}”已被使用（届次或整改），请换一个名称"
RECTIFY_FROM_NEEDS_BOTTOM = "--from-appraisal 与 --bottom 须同时使用"
RECTIFY_BOTTOM_RANGE = "--bottom：{k} 应为不小于 1 的整数"
RECTIFY_APPRAISAL_EMPTY = "评议“{round}”还没有排出名次的部门，无法生成整改问题"
RECTIFY_FROM_PROBLEM = "{round}测评结果为“{grade}”（综合得分{score}，共{n}个部门中列第{rank}名），需对照评议意见整改"
RECTIFY_FROM_SOURCE = "{round}（{grade}）"
RECTIFY_BOTTOM_TIED = "评议“{round}”第{rank}名有{tied}个部门并列，均已列入（--bottom {k}，实际列入{n}个部门）"
RECTIFY_BOTTOM_ALL = "评议“{round}”只有{n}个部门排出名次，--bottom {k} 已全部列入"
RECTIFY_NO_UNIT = "责任单位：不能为空（整改方案必须明确责任单位，用 --unit 指定）"
RECTIFY_DUE_BEFORE = "整改时限：{due} 早于方案日期 {on}"
RECTIFY_PLAN_BEFORE_ADDED = "方案日期：{on} 早于第{number}号整改问题的登记日期 {added}"
RECTIFY_REPLAN_UNIT_DUE = "整改方案已制定：修改方案不能更换责任单位或时限（更换单位请先退回，延长时限用 docket extend）"
RECTIFY_NOT_ITEM = "第{number}号不是整改问题"
RECTIFY_NO_PLAN = "第{number}号尚未制定整改方案（docket rectify plan）"
RECTIFY_PROGRESS_BEFORE = "进度日期：{on} 早于本轮整改开始日期 {start}"
RECTIFY_RECHECK_BEFORE = "复查日期：{on} 早于整改完成日期 {day}"
RECTIFY_LOOKBACK_BEFORE = "回头看日期：{on} 早于复查通过日期 {day}"
RECTIFY_CLOSED_REASON = "复查通过，予以销号"
RECTIFY_CIRCULAR_EMPTY = ("整改“{round}”还没有整改问题，未生成整改情况通报，未占用文号；"
                          "先用 docket rectify add --problem 问题 --unit 责任单位 登记问题")
RECTIFY_SUGGEST_ACCOUNTABILITY = "第{number}号整改仍未到位，建议启动问责（docket rectify accountability {number} --reason 理由）"

# -- livelihood projects (core/projects.py, domain.md §13) --
PROJECT_ROUND_NOT_FOUND = "民生实事票决“{name}”不存在"
PROJECT_ROUND_KNOWN = "；已有：{names}"
PROJECT_NO_ROUND = "还没有民生实事票决；先运行 docket project new 名称 --places 名额"
PROJECT_ROUND_EXISTS = "名称“{name}”已被使用（届次或票决），请换一个名称"
PROJECT_ROUND_NAME = "票决名称不能为空，例如 2027年民生实事项目"
PROJECT_PLACES = "--places：名额应为正整数，收到 {places}"
PROJECT_BUDGET = "--budget：预算“{text}”不是非负的数（单位：万元）"
PROJECT_VOTED = "“{round}”已经票决，不能再增加候选项目"
PROJECT_NOT_CANDIDATE = "第{number}号不是“{round}”的候选项目"
PROJECT_BALLOT_BAD = "选票有误，未保存："
PROJECT_ENTRY = "“{text}”应写作 编号=赞成/反对/弃权，例如 3=80/6/2"
PROJECT_ENTRY_TWICE = "第{number}号在选票中出现了两次"
PROJECT_PRESENT_OVER = "出席人数{present}超过代表总数{members}"
PROJECT_VALID_OVER = "有效票{valid}超过出席人数{present}"
PROJECT_SUM_OVER = "第{number}号“{title}”：赞成{yes}、反对{no}、弃权{abstain}合计{total}票，超过有效票{valid}"
PROJECT_MISSING = "待表决的第{numbers}号不在选票中（每张选票须列出全部待表决项目）"
PROJECT_NOT_PENDING = "第{number}号{state}，不在本次表决之列"
PROJECT_NOTHING_PENDING = "“{round}”没有待表决的项目"
PROJECT_NOT_ADOPTED = "第{number}号{state}，不是入选项目，不能{action}"
PROJECT_NOT_ASSIGNED = "第{number}号尚未交办，先运行 docket --session {round} assign {number} --lead 单位"
PROJECT_MILESTONE_TEXT = "节点内容不能为空"
PROJECT_MILESTONE_SPAN = "节点日期 {on} 不在交办日 {assigned} 与办理期限 {due} 之间"
PROJECT_MILESTONE_BELOW = ("计划进度（--percent）：{on} 节点计划 {percent}%，低于更早的 {other_on} 节点计划的 "
                           "{other}%；计划进度不能回退，未保存")
PROJECT_MILESTONE_ABOVE = ("计划进度（--percent）：{on} 节点计划 {percent}%，高于更晚的 {other_on} 节点计划的 "
                           "{other}%；计划进度不能回退，未保存")
PROJECT_STAGE = "--stage 应为 mid（年中）或 final（年终）"
PROJECT_NO_RESULT = "“{round}”还没有票决结果，不能生成报告"
PROJECT_TEST_LINE = "{stage}测评：{n}个项目，总体满意率 {rate}（满意和基本满意 {good} 票 ÷ 有效票 {valid}），最低 {low}"
NO_DOC_PREFIX = "尚未设置发文字号前缀；先运行 docket config set doc.prefix 青禾人大办"

# appraisal rounds and tallies (core/appraisal_results.py, core/appraisal_tally.py)
APPRAISAL_NOT_FOUND = "评议“{name}”不存在"
APPRAISAL_NOT_FOUND_KNOWN = "评议“{name}”不存在；已有：{known}"
TALLY_NEGATIVE = "{field}为{value}，不能为负数"
TALLY_PRESENT_OVER = "实到人数{present}超过应到人数{members}"
TALLY_VOTES_OVER = ("满意{satisfied}、基本满意{basic}、不满意{dissatisfied}、弃权{abstain}、不了解{unknown}"
                    "合计{counted}票，超过实到人数{present}")
TALLY_BAD = "{where}的测评票数有误，未保存："
PROJECT_TEST_WHERE = "第{number}号“{title}”{stage}测评（{group}）"
RESTORE_BAD_LOG = "{source} 的操作记录有误（{problem}），未恢复"
SETTING_NOT_SHARE = "取值：“{text}”应为 0 到 1 之间的分数，例如 1/2 或 2/3"
SETTING_SHARE_RANGE = "取值：{text} 应大于 0 且小于 1，例如 1/2"
PACKET_HEAD = "承办单位：{unit}　　反馈表编号：第{serial}号　　发出日期：{sent}"

# look-alike items and routing hints (core/similar.py, core/routing.py)
ROUTE_BY_LOOKALIKE = "相似件第{number}号{where}“{title}”由其主办（相似度{score}%）"
ROUTE_BY_CATEGORY = "类别“{category}”已交办的{total}件中{n}件由其主办"
