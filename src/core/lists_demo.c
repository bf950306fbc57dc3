/* lists_demo.c — the demo community's four lists and its meetings, 2024–2026.
 *
 * Two steps. plan_*: draw every meeting from the seed (roundtables for most buildings about
 * once a year, a few buildings lagging; pioneer groups quarterly; the discussion point
 * monthly; four joint meetings; a few planned after 2026-11-01) and sort them by time.
 * emit_*: walk the meetings in order; each writes its agenda and attendance, some raise a chain
 * of list items (problem → demand → empowerment → actions) whose statuses are those of
 * 2026-11-01, and each past meeting is closed with its minutes rendered by meeting.c. Items go
 * through lists.c's validation (xl_list_item_insert_tx). Every random choice comes from xl_rng
 * in a fixed order and no clock is read: the same seed gives the same rows. */
#include "xiangli/lists.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "xiangli/date.h"
#include "xiangli/demo.h"
#include "xiangli/i18n.h"
#include "xiangli/meeting.h"
#include "xiangli/mem.h"

#define REF_Y 2026 /* statuses are those of 2026-11-01 */
#define REF_M 11
#define REF_D 1
#define MAX_RESIDENTS 64
#define MAX_ATTENDEES 24
#define CHAIN_PERMILLE 150 /* roundtables that raise a chain */

/* ---------- organisations (found by name, inserted when missing) ---------- */

#define DEMO_ORGS(X)                                             \
    X(STREET, "九里亭街道办事处", "street")                       \
    X(POLICE, "九里亭派出所", "police")                           \
    X(HOUSING, "松江区房屋管理局", "department")                  \
    X(FIRE, "松江区消防救援支队九里亭站", "department")            \
    X(URBAN, "松江区城管执法局九里亭中队", "department")           \
    X(EDU, "松江区教育局", "department")                          \
    X(JOBS, "九里亭街道就业服务站", "department")                  \
    X(NPC, "区人大代表九里亭联络站", "deputy")                     \
    X(CPPCC, "区政协委员工作室", "deputy")                         \
    X(VOLUNTEER, "巷里一家志愿者队", "volunteer")                  \
    X(CLINIC, "九里亭社区卫生服务中心", "other")                    \
    X(PROPERTY, "杜巷物业服务站", "other")

enum {
#define XL_X(id, name, kind) O_##id,
    DEMO_ORGS(XL_X)
#undef XL_X
    O_COUNT,
    RESP = -1, /* the building's first responsible person */
};

static const struct { const char *name, *kind; } org_defs[] = {
#define XL_X(id, name, kind) {name, kind},
    DEMO_ORGS(XL_X)
#undef XL_X
};

/* ---------- chains: %d is the building number ---------- */

typedef struct act_tpl {
    const char *title;
    int owner; /* O_* or RESP */
} act_tpl;

typedef struct chain_tpl {
    int weight; /* how often the problem comes up */
    const char *cat;
    const char *problem, *detail;
    const char *demand;  /* NULL: the problem leads straight to actions */
    const char *empower; /* NULL: the demand leads straight to actions */
    int empower_org;
    act_tpl act[3];
    const char *note, *decision;
} chain_tpl;

static const chain_tpl building_chains[] = {
    {5, "safety", "%d号楼电动车楼道充电", "晚上有电动车推进楼道充电，电线从窗口拉下来，住户担心起火。",
     "%d号楼附近需要集中充电桩", "为%d号楼附近安装集中充电棚", O_STREET,
     {{"摸排%d号楼电动车数量", RESP}, {"在巷口空地建充电棚", O_STREET}, {"%d号楼楼道张贴禁止充电提示", O_VOLUNTEER}},
     "租客说下班只能晚上充电，附近没有充电点。", "不在楼道充电；第一责任人摸排车辆，街道在巷口建充电棚。"},
    {4, "safety", "%d号楼电线私拉乱接", "多个房间从走廊插座拉线，插线板串联使用。",
     "%d号楼室内线路整改", "志愿电工上门免费检查线路", O_VOLUNTEER,
     {{"逐户检查%d号楼电线", O_VOLUNTEER}, {"更换%d号楼老化插线板和电线", RESP}, {NULL, 0}},
     "房东说线路是十几年前装的，租客自己加了插座。", "志愿电工本月上门检查，房东承担更换费用。"},
    {4, "safety", "%d号楼楼道堆物堵塞通道", "楼梯间堆放纸箱、旧家具，消防通道不畅。", NULL, NULL, 0,
     {{"清理%d号楼楼道堆物", RESP}, {"城管上门劝导并复查%d号楼", O_URBAN}, {NULL, 0}},
     "几户租客的杂物没有地方放。", "一周内清理，城管复查；屋顶划一块地方放杂物。"},
    {3, "safety", "%d号楼燃气瓶放在室内", "有租客在房间里用液化气瓶做饭。",
     "%d号楼改用安全的燃气设施", "燃气安全宣讲和报警器安装", O_FIRE,
     {{"登记%d号楼使用燃气瓶的房间", RESP}, {"为%d号楼安装燃气报警器", O_PROPERTY}, {NULL, 0}},
     "租客说没有管道燃气，只能用瓶装气。", "先登记，消防站来讲一次，物业安装报警器。"},
    {2, "safety", "%d号楼没有灭火器", "楼道和厨房都没有灭火器。", NULL, NULL, 0,
     {{"为%d号楼配置灭火器", O_FIRE}, {"教%d号楼住户使用灭火器", O_VOLUNTEER}, {NULL, 0}},
     "大家都不知道灭火器放哪里、怎么用。", "每层配一个灭火器，志愿者教大家使用。"},
    {1, "safety", "%d号楼屋顶违章搭建", "屋顶加盖了彩钢板房出租。", NULL, NULL, 0,
     {{"拆除%d号楼屋顶搭建", O_URBAN}, {NULL, 0}, {NULL, 0}},
     "房东同意拆除，请城管指导。", "月底前拆除，城管到场。"},
    {4, "rental", "%d号楼群租：一间房住六人", "一间二十平方米的房间隔成上下铺，住了六个人。",
     "规范%d号楼隔间和居住人数", "房管局上门指导租赁规范", O_HOUSING,
     {{"二房东整改%d号楼隔间", RESP}, {"复查%d号楼居住人数", O_POLICE}, {NULL, 0}},
     "二房东说是工友合租，租金便宜。", "按租赁规范整改，每间不超过规定人数，派出所复查。"},
    {4, "rental", "%d号楼二房东未登记新租客", "新来的租客没有登记，底册和实际不符。",
     "%d号楼租客登记更方便", "派出所上门登记、扫码签进培训", O_POLICE,
     {{"在%d号楼门口张贴签进二维码", RESP}, {"组织%d号楼租客扫码签进", RESP}, {NULL, 0}},
     "二房东说租客换得快，来不及去窗口登记。", "门口贴二维码，新租客入住当天扫码签进。"},
    {2, "rental", "%d号楼租赁合同未备案", "房东和二房东之间只有口头约定。", NULL, NULL, 0,
     {{"协助办理%d号楼租赁备案", O_HOUSING}, {NULL, 0}, {NULL, 0}},
     "房东不清楚备案流程。", "房管局来人协助办理备案。"},
    {3, "rental", "%d号楼租客搬走未签出", "底册里有三个已经搬走的租客。", "%d号楼搬离及时签出", NULL, 0,
     {{"房东代办%d号楼签出", RESP}, {"核对%d号楼在住名单", O_POLICE}, {NULL, 0}},
     "租客走得急，忘了扫码。", "房东代办签出，派出所核对名单。"},
    {3, "civility", "%d号楼垃圾未分类投放", "门口垃圾桶混投，湿垃圾袋破了。",
     "%d号楼需要垃圾分类指导", "志愿者桶边督导", O_VOLUNTEER,
     {{"设置%d号楼分类投放点", O_PROPERTY}, {"志愿者在%d号楼值守两周", O_VOLUNTEER}, {NULL, 0}},
     "新租客不知道分类规则。", "物业设投放点，志愿者值守两周。"},
    {2, "civility", "%d号楼夜间噪音扰民", "夜班租客和白班租客作息冲突。", "约定%d号楼作息时间", NULL, 0,
     {{"修订%d号楼楼栋公约", RESP}, {NULL, 0}, {NULL, 0}},
     "晚上十一点后还有人大声打电话。", "楼栋公约写明晚上十点后保持安静。"},
    {1, "civility", "%d号楼高空抛物", "有人从三楼往下扔烟头和果皮。", NULL, NULL, 0,
     {{"%d号楼张贴警示并安装摄像头", O_POLICE}, {NULL, 0}, {NULL, 0}},
     "楼下晾的衣服被弄脏。", "派出所安装摄像头，第一责任人提醒住户。"},
    {1, "civility", "%d号楼楼道乱贴小广告", "楼道墙上贴满开锁、疏通小广告。", NULL, NULL, 0,
     {{"清理%d号楼小广告", O_VOLUNTEER}, {NULL, 0}, {NULL, 0}},
     "", "志愿者周末清理。"},
    {2, "environment", "%d号楼门前污水外溢", "雨天化粪池和下水道冒水，门前积污水。",
     "疏通改造%d号楼污水管", "街道排水管网改造", O_STREET,
     {{"疏通%d号楼污水管", O_PROPERTY}, {"更换%d号楼门前破损管段", O_STREET}, {NULL, 0}},
     "住户说夏天味道很大。", "物业先疏通，街道列入管网改造。"},
    {2, "environment", "%d号楼旁垃圾堆放点异味", "垃圾堆放点清运不及时。", NULL, NULL, 0,
     {{"增加%d号楼旁垃圾清运频次", O_PROPERTY}, {NULL, 0}, {NULL, 0}},
     "", "物业改为每天清运两次。"},
    {1, "environment", "%d号楼门前绿化带被占用种菜", "绿化带被翻成菜地。", "恢复%d号楼门前绿化", NULL, 0,
     {{"清理种植并补种绿化", O_URBAN}, {NULL, 0}, {NULL, 0}},
     "种菜的老人同意改到屋顶种。", "城管清理，物业补种。"},
    {2, "other", "%d号楼公共区域没有照明", "楼梯间灯坏了很久。", NULL, NULL, 0,
     {{"安装%d号楼楼道感应灯", O_PROPERTY}, {NULL, 0}, {NULL, 0}},
     "晚上下楼要用手机照明。", "物业安装感应灯。"},
    {2, "services", "%d号楼老人看病不方便", "楼里有两位独居老人，行动不便。",
     "%d号楼老人需要家庭医生上门", "社区卫生服务中心家庭医生签约", O_CLINIC,
     {{"组织%d号楼老人家庭医生签约", O_CLINIC}, {NULL, 0}, {NULL, 0}},
     "邻居平时帮忙买药。", "卫生服务中心上门签约。"},
    {1, "other", "%d号楼缺少公共晾晒区", "衣服只能晾在楼道窗口。", "划定%d号楼晾晒区", NULL, 0,
     {{"在%d号楼屋顶划定晾晒区", RESP}, {NULL, 0}, {NULL, 0}},
     "", "房东同意开放屋顶晾晒。"},
};

static const chain_tpl community_chains[] = {
    {1, "services", "快递无处存放，丢件多", "巷子里没有快递柜，快递放在门口经常丢。", "设置智能快递柜",
     "街道协调快递企业进驻", O_STREET,
     {{"选址并安装快递柜", O_STREET}, {"公布快递柜取件方式", O_VOLUNTEER}, {NULL, 0}},
     "很多租客白天上班，收不到快递。", "街道协调在议事点旁安装快递柜。"},
    {1, "services", "租客子女入学政策不清楚", "随迁子女入学材料多，家长不了解积分和时间。", "入学政策讲解",
     "教育局政策宣讲进社区", O_EDU,
     {{"举办入学政策说明会", O_EDU}, {"整理入学材料清单", O_VOLUNTEER}, {NULL, 0}},
     "家长担心错过报名时间。", "请教育局来议事点讲解，志愿者整理材料清单。"},
    {1, "services", "务工人员找工作难", "部分租客失业，不知道去哪里找工作。", "就业信息和技能培训",
     "街道就业服务站招聘会", O_JOBS,
     {{"举办家门口招聘会", O_JOBS}, {"开设电工技能培训班", O_JOBS}, {NULL, 0}},
     "租客希望学一门手艺。", "就业服务站在议事点办招聘会和培训。"},
    {1, "environment", "巷内道路坑洼积水", "主巷路面破损，下雨积水。", "修整巷内道路",
     "区人大代表督办道路修整", O_NPC, {{"修补巷内坑洼路面", O_STREET}, {NULL, 0}, {NULL, 0}},
     "电动车经过溅水。", "人大代表督办，街道修补路面。"},
    {1, "safety", "小区内电动车充电难", "充电棚不够，飞线充电屡禁不止。", "增加充电设施",
     "消防救援站消防宣讲", O_FIRE,
     {{"每月一次消防宣讲", O_FIRE}, {"增设三处充电棚", O_STREET}, {NULL, 0}},
     "现有充电棚晚上排队。", "街道增设充电棚，消防站每月宣讲。"},
    {1, "rental", "群租整治缺少统一标准", "各楼整改要求不一，房东有意见。", "出台杜巷房屋租赁公约",
     "房管局、派出所联合指导", O_HOUSING,
     {{"制定杜巷房屋租赁公约", O_STREET}, {"印发业主手册和租客入住须知", O_VOLUNTEER}, {NULL, 0}},
     "房东希望有统一说法。", "起草租赁公约，印发业主手册和租客入住须知。"},
    {1, "other", "自建房物业管理无人负责", "公共部位损坏没人修。", "物业服务纳入考核",
     "街道物业服务管理考核办法", O_STREET, {{"按考核办法打分公示", O_PROPERTY}, {NULL, 0}, {NULL, 0}},
     "", "按街道考核办法每季度打分公示。"},
    {1, "civility", "外来务工人员融入难", "租客和本地居民交流少。", "组织邻里活动", "政协委员工作室结对服务",
     O_CPPCC, {{"举办“同住一栋楼”邻里节", O_VOLUNTEER}, {NULL, 0}, {NULL, 0}},
     "", "同住一栋楼，就是一家人：办邻里节。"},
    {1, "environment", "巷口垃圾分类投放点太少", "", NULL, NULL, 0,
     {{"巷口新增两个分类投放点", O_PROPERTY}, {NULL, 0}, {NULL, 0}}, "", "物业新增投放点。"},
    {1, "services", "老年人用手机扫码签到困难", "", "帮老人扫码签进", "志愿者一对一帮办", O_VOLUNTEER,
     {{"每周二议事点帮办", O_VOLUNTEER}, {NULL, 0}, {NULL, 0}}, "", "志愿者每周二在议事点帮办。"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct topic {
    const char *title, *notes, *decision;
} topic;

static const topic roundtable_topics[] = {
    {"新租客相互认识", "新搬来的租客做了自我介绍。", "新租客加入本栋微信群。"},
    {"学习居民公约", "一起读了居民公约中作息和垃圾分类的条款。", "大家同意遵守。"},
    {"消防安全提示", "第一责任人提醒不在楼道堆物、不私拉电线。", ""},
    {"扫码签进签出提醒", "提醒新租客入住扫码签进，搬走扫码签出。", "第一责任人每月核对一次。"},
    {"楼栋卫生值日", "商量公共区域轮流打扫。", "按楼层每周轮值。"},
};
static const topic midautumn_topic = {"中秋邻里聚餐安排", "商量中秋聚餐，每家带一个菜。", "在一楼公共区域聚餐。"};
static const topic spring_topic = {"春节前安全检查", "春节前检查电线、燃气和灭火器。", "第一责任人带队检查。"};

static const topic discussion_topics[] = {
    {"巷里一家议事规则", "讨论议事点每月开放时间和议事规则。", "每月中旬开议事会。"},
    {"居民公约修订意见", "收集各楼对居民公约的意见。", "汇总后下次表决。"},
    {"业主手册征求意见", "房东代表对业主手册提出修改意见。", "志愿者整理修改稿。"},
    {"节日活动安排", "商量近期节日活动。", "志愿者队牵头组织。"},
    {"签进签出推广情况", "通报登记采集率和扫码签进情况。", "落后的楼栋由楼组长督促。"},
};

static const topic pioneer_topics[] = {
    {"楼组党员分工联系楼栋", "党员按楼栋分工联系第一责任人。", "每人联系五到八栋。"},
    {"登记采集率情况通报", "通报本楼组各楼登记采集率。", "低于八成的楼栋上门督促。"},
    {"逾期行动督办", "梳理本楼组逾期的行动。", "责任人本月内办结。"},
};

static const topic joint_topic = {"安全隐患整治进展", "各部门通报安全隐患整治进展。", "未完成的列入下季度督办。"};

static const char *const done_notes[] = {"已完成", "已完成，回访住户满意", "按期完成，第一责任人确认", "已办结"};
static const char *const dropped_notes[] = {"与其他行动合并", "情况变化，不再需要"};

/* ---------- context ---------- */

#define LD_SQL(X)                                                                              \
    X(MEETING, "INSERT INTO meeting(kind, title, starts_at, place, host_person_id, host_org_id,"  \
               " building, pioneer_group, status, started_at, created_at)"                      \
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")                         \
    X(AGENDA, "INSERT INTO agenda_item(meeting_id, position, list_item_id, title, minutes,"     \
              " notes, decision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")                           \
    X(AACTION, "INSERT INTO agenda_action(agenda_item_id, action_id) VALUES (?1, ?2)")          \
    X(ATTEND, "INSERT INTO attendance(meeting_id, person_id, org_id, role) VALUES (?1, ?2, ?3, ?4)") \
    X(RESIDENTS, "SELECT person_id, role FROM residency WHERE building = ?1 AND moved_in <= ?2" \
                 " AND (moved_out IS NULL OR moved_out > ?2) ORDER BY id")                       \
    X(REVIEW_BLD, "SELECT DISTINCT i.id FROM list_item i JOIN list_item_building b ON b.item_id = i.id" \
                  " WHERE b.building = ?1 AND i.kind = 'problem' AND i.raised_at < ?2"           \
                  " ORDER BY i.id DESC LIMIT ?3")                                                \
    X(REVIEW_GROUP, "SELECT DISTINCT i.id FROM list_item i JOIN list_item_building b ON b.item_id = i.id" \
                    " JOIN building g ON g.number = b.building WHERE g.pioneer_group = ?1"       \
                    " AND i.kind = 'problem' AND i.raised_at < ?2 ORDER BY i.id DESC LIMIT ?3")  \
    X(REVIEW_SAFETY, "SELECT i.id FROM list_item i WHERE ?1 = ?1 AND i.kind = 'problem'"        \
                     " AND i.category = 'safety' AND i.raised_at < ?2 ORDER BY i.id DESC LIMIT ?3") \
    X(OPEN_BLD, "SELECT DISTINCT i.id FROM list_item i JOIN list_item_building b ON b.item_id = i.id" \
                " WHERE b.building = ?1 AND i.kind = 'problem' AND i.status IN ('open', 'in_progress')" \
                " AND ?2 = ?2 ORDER BY i.id LIMIT ?3")                                           \
    X(CLOSE, "UPDATE meeting SET status = 'closed', closed_at = ?2 WHERE id = ?1")              \
    X(MINUTES, "UPDATE meeting SET minutes = ?2 WHERE id = ?1")

enum {
#define XL_X(id, sql) LS_##id,
    LD_SQL(XL_X)
#undef XL_X
    LS_COUNT
};

static const char *const ld_sql[] = {
#define XL_X(id, sql) sql,
    LD_SQL(XL_X)
#undef XL_X
};

typedef struct bld {
    int number;
    int64_t resp;          /* 0 none */
    char resp_role[16];    /* owner / sublandlord */
    int group;
} bld;

typedef struct mplan {
    int day, minute;       /* day number; minutes after midnight */
    int kind;              /* xl_meeting_kind */
    int bi;                /* index into buildings (roundtable), else -1 */
    int group;             /* pioneer group */
    int64_t id;
} mplan;

typedef struct person_role {
    int64_t person;
    char role[16];
} person_role;

typedef struct ld {
    xl_db *db;
    xl_err *err;
    int rc; /* sticky: once set, every further write is skipped */
    xl_rng rng;
    sqlite3_stmt *st[LS_COUNT];
    int64_t org[O_COUNT];
    bld *b;
    size_t nb;
    mplan *m;
    size_t nm, mcap;
    int reps[3];           /* discussion-point representatives: building indexes, -1 none */
    int group_host[4];     /* pioneer group hosts: building indexes, -1 none */
    size_t next_community;
    size_t community_left_meetings;
    int ref;               /* day number of 2026-11-01 */
    /* the meeting being written */
    int64_t seen[MAX_ATTENDEES];
    size_t nseen;
    person_role res[MAX_RESIDENTS];
    size_t nres;
} ld;

/* ---------- dates as day numbers (date.h: days since 1970-01-01) ---------- */

static void fmt_day(int z, char out[11])
{
    xl_date_format(z, out);
}

/* "YYYY-MM-DD HH:MM" (seconds = 0: 16 characters) or with ":SS" when sec >= 0. */
static void fmt_time(int z, int minute, int sec, char out[20])
{
    char day[11];
    fmt_day(z, day);
    unsigned hh = (unsigned)minute / 60u % 24u, mm = (unsigned)minute % 60u;
    if (sec < 0)
        snprintf(out, 20, "%.10s %02u:%02u", day, hh, mm);
    else
        snprintf(out, 20, "%.10s %02u:%02u:%02u", day, hh, mm, (unsigned)sec % 60u);
}

static int month_of(int z)
{
    int y, m, d;
    xl_date_from_days(z, &y, &m, &d);
    return m;
}

/* ---------- random helpers ---------- */

static int chance(ld *d, unsigned permille) { return xl_rng_below(&d->rng, 1000) < permille; }
static int between(ld *d, int lo, int hi) { return lo + (int)xl_rng_below(&d->rng, (unsigned)(hi - lo + 1)); }
static const char *pick_str(ld *d, const char *const *a, size_t n) { return a[xl_rng_below(&d->rng, (unsigned)n)]; }

static const chain_tpl *pick_chain(ld *d, const chain_tpl *t, size_t n)
{
    unsigned total = 0;
    for (size_t i = 0; i < n; i++)
        total += (unsigned)t[i].weight;
    unsigned r = xl_rng_below(&d->rng, total);
    size_t i = 0;
    while (i + 1 < n && r >= (unsigned)t[i].weight)
        r -= (unsigned)t[i++].weight;
    return &t[i];
}

/* ---------- statements ---------- */

static int fail_db(ld *d, const char *what)
{
    if (!d->rc)
        d->rc = xl_db_fail(d->db, what, d->err);
    return d->rc;
}

static int prepare_all(ld *d)
{
    for (int i = 0; i < LS_COUNT; i++) {
        d->st[i] = xl_db_prepare(d->db, ld_sql[i], d->err);
        if (!d->st[i])
            return d->rc = XL_EFAIL;
    }
    return XL_OK;
}

static sqlite3_stmt *stmt(ld *d, int which)
{
    sqlite3_stmt *st = d->st[which];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}

static void bind_i64(sqlite3_stmt *st, int idx, int64_t v)
{
    if (v)
        sqlite3_bind_int64(st, idx, v);
}

static void bind_str(sqlite3_stmt *st, int idx, const char *s)
{
    sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

static int64_t run_insert(ld *d, sqlite3_stmt *st, const char *what)
{
    if (d->rc)
        return 0;
    if (sqlite3_step(st) != SQLITE_DONE) {
        fail_db(d, what);
        return 0;
    }
    return sqlite3_last_insert_rowid(xl_db_handle(d->db));
}

/* Up to max ids from a query bound as (?1 int, ?2 text, ?3 limit). */
static size_t query_ids(ld *d, int which, int64_t a, const char *b, int64_t *out, size_t max)
{
    sqlite3_stmt *st = stmt(d, which);
    sqlite3_bind_int64(st, 1, a);
    bind_str(st, 2, b);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max)
        out[n++] = sqlite3_column_int64(st, 0);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        fail_db(d, "lists demo query");
    return n;
}

/* ---------- loading what the community demo wrote ---------- */

static int64_t ensure_org(ld *d, int o)
{
    int64_t id = xl_org_find(d->db, org_defs[o].name);
    if (id || d->rc)
        return id;
    sqlite3_stmt *st = xl_db_prepare(d->db, "INSERT INTO organisation(name, kind) VALUES (?1, ?2)", d->err);
    if (!st) {
        d->rc = XL_EFAIL;
        return 0;
    }
    bind_str(st, 1, org_defs[o].name);
    bind_str(st, 2, org_defs[o].kind);
    id = run_insert(d, st, "organisation");
    sqlite3_finalize(st);
    return id;
}

static void load_buildings(ld *d)
{
    sqlite3_stmt *st = xl_db_prepare(d->db,
        "SELECT number, coalesce(responsible_id, 0), responsible_role, coalesce(pioneer_group, 0)"
        " FROM building ORDER BY number", d->err);
    if (!st) {
        d->rc = XL_EFAIL;
        return;
    }
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (d->nb == cap) {
            cap = cap ? cap * 2 : 512;
            d->b = xl_reallocarray(d->b, cap, sizeof *d->b);
        }
        bld *b = &d->b[d->nb++];
        b->number = sqlite3_column_int(st, 0);
        b->resp = sqlite3_column_int64(st, 1);
        xl_strlcpy_utf8(b->resp_role, xl_col_text(st, 2), sizeof b->resp_role);
        b->group = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        fail_db(d, "buildings");
}

/* Index of the first building (after skip others) with a first responsible person, in the
 * group (0: any); -1 if none. */
static int responsible_in(ld *d, int group, int skip)
{
    for (size_t i = 0; i < d->nb; i++)
        if (d->b[i].resp && (!group || d->b[i].group == group) && skip-- <= 0)
            return (int)i;
    return -1;
}

static void choose_hosts(ld *d)
{
    d->group_host[0] = -1;
    for (int g = 1; g <= 3; g++)
        d->group_host[g] = responsible_in(d, g, 0);
    for (int i = 0; i < 3; i++)
        d->reps[i] = d->nb ? responsible_in(d, 0, between(d, 0, (int)d->nb / 2)) : -1;
}

/* The first responsible person of building index bi as a party (NONE for -1 or nobody). */
static xl_party resp_party(const ld *d, int bi)
{
    return bi >= 0 && d->b[bi].resp ? xl_party_person(d->b[bi].resp) : xl_party_none();
}

static const char *resp_role(const ld *d, int bi)
{
    return bi >= 0 ? d->b[bi].resp_role : "other";
}

/* ---------- the meeting plan ---------- */

static void plan_add(ld *d, int kind, int day, int minute, int bi, int group)
{
    if (d->nm == d->mcap) {
        d->mcap = d->mcap ? d->mcap * 2 : 1024;
        d->m = xl_reallocarray(d->m, d->mcap, sizeof *d->m);
    }
    d->m[d->nm++] = (mplan){day, minute, kind, bi, group, 0};
}

static int evening(ld *d, int day)
{
    static const int evenings[] = {18 * 60 + 30, 19 * 60, 19 * 60 + 30};
    int weekday = (day + 4) % 7; /* 0 = Sunday; 1970-01-01 was a Thursday */
    if (weekday == 0 || weekday == 6)
        return 15 * 60;
    return evenings[xl_rng_below(&d->rng, 3)];
}

static void plan_roundtables(ld *d)
{
    for (size_t i = 0; i < d->nb; i++) {
        int lagging = chance(d, 100);
        for (int y = 2024; y <= 2026; y++) {
            int first = xl_date_to_days(y, 1, 6);
            int last = y == 2026 ? xl_date_to_days(2026, 10, 28) : xl_date_to_days(y, 12, 28);
            if (lagging && last > xl_date_to_days(2025, 6, 30))
                last = xl_date_to_days(2025, 6, 30);
            if (first > last || !chance(d, 800))
                continue;
            int day = between(d, first, last);
            plan_add(d, XL_MEETING_ROUNDTABLE, day, evening(d, day), (int)i, 0);
        }
    }
    for (int k = 0; k < 6 && d->nb; k++) {
        int day = between(d, d->ref + 2, d->ref + 45);
        plan_add(d, XL_MEETING_ROUNDTABLE, day, evening(d, day), (int)xl_rng_below(&d->rng, (unsigned)d->nb), 0);
    }
}

static void plan_others(ld *d)
{
    for (int g = 1; g <= 3; g++)
        for (int q = 0; q < 11; q++)
            plan_add(d, XL_MEETING_PIONEER, xl_date_to_days(2024 + q / 4, (q % 4) * 3 + 1, 1) + between(d, 5, 80),
                     9 * 60 + 30, -1, g);
    for (int mo = 0; mo < 34; mo++)
        plan_add(d, XL_MEETING_DISCUSSION, xl_date_to_days(2024 + mo / 12, mo % 12 + 1, between(d, 8, 22)), 14 * 60 + 30, -1, 0);
    static const int joint[][3] = {{2024, 6, 18}, {2025, 3, 20}, {2025, 11, 12}, {2026, 6, 16}};
    for (size_t i = 0; i < COUNT(joint); i++)
        plan_add(d, XL_MEETING_JOINT, xl_date_to_days(joint[i][0], joint[i][1], joint[i][2]), 14 * 60, -1, 0);
    plan_add(d, XL_MEETING_DISCUSSION, d->ref + 14, 14 * 60 + 30, -1, 0);
    plan_add(d, XL_MEETING_PIONEER, d->ref + 19, 9 * 60 + 30, -1, 1);
}

static int plan_order(const void *a, const void *b)
{
    const mplan *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->minute != y->minute)
        return x->minute < y->minute ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->bi != y->bi ? (x->bi < y->bi ? -1 : 1) : (x->group > y->group) - (x->group < y->group);
}

/* ---------- writing a meeting ---------- */

static void meeting_title(const ld *d, const mplan *m, char *out, size_t size)
{
    int y, mo, dd;
    xl_date_from_days(m->day, &y, &mo, &dd);
    if (m->kind == XL_MEETING_ROUNDTABLE)
        snprintf(out, size, mo == 9 ? "%d号楼中秋小圆桌" : mo <= 2 ? "%d号楼迎新春小圆桌" : "%d号楼小圆桌",
                 d->b[m->bi].number);
    else if (m->kind == XL_MEETING_PIONEER)
        snprintf(out, size, "第%d先锋楼组工作会", m->group);
    else if (m->kind == XL_MEETING_DISCUSSION)
        snprintf(out, size, "巷里一家议事会（%d年%d月）", y, mo);
    else
        snprintf(out, size, "部门联席会议（%d年%d月）", y, mo);
}

static const char *meeting_place(const ld *d, const mplan *m, char *buf, size_t size)
{
    static const char *const places[] = {NULL, "杜巷党群服务站", "巷里一家议事点", "九里亭街道办事处会议室"};
    if (m->kind != XL_MEETING_ROUNDTABLE)
        return places[m->kind];
    snprintf(buf, size, "%d号楼公共区域", d->b[m->bi].number);
    return buf;
}

static xl_party meeting_host(const ld *d, const mplan *m)
{
    xl_party p = xl_party_none();
    if (m->kind == XL_MEETING_ROUNDTABLE)
        return resp_party(d, m->bi);
    if (m->kind == XL_MEETING_PIONEER)
        p = resp_party(d, d->group_host[m->group]);
    else if (m->kind == XL_MEETING_DISCUSSION)
        p = resp_party(d, d->reps[m->day % 3]);
    if (p.kind == XL_PARTY_NONE)
        p = xl_party_org(d->org[m->kind == XL_MEETING_DISCUSSION ? O_VOLUNTEER : O_STREET]);
    return p;
}

static void emit_meeting_row(ld *d, mplan *m)
{
    char title[128], place[64], starts[20], started[20], created[20];
    meeting_title(d, m, title, sizeof title);
    fmt_time(m->day, m->minute, -1, starts);
    fmt_time(m->day, m->minute, 0, started);
    fmt_time(m->day - between(d, 3, 14), 10 * 60, 0, created);
    xl_party host = meeting_host(d, m);
    int past = m->day < d->ref;
    sqlite3_stmt *st = stmt(d, LS_MEETING);
    bind_str(st, 1, xl_meeting_kind_key((xl_meeting_kind)m->kind));
    bind_str(st, 2, title);
    bind_str(st, 3, starts);
    bind_str(st, 4, meeting_place(d, m, place, sizeof place));
    bind_i64(st, 5, host.kind == XL_PARTY_PERSON ? host.id : 0);
    bind_i64(st, 6, host.kind == XL_PARTY_ORG ? host.id : 0);
    bind_i64(st, 7, m->bi >= 0 ? d->b[m->bi].number : 0);
    bind_i64(st, 8, m->group);
    bind_str(st, 9, past ? "running" : "planned");
    if (past)
        bind_str(st, 10, started);
    bind_str(st, 11, created);
    m->id = run_insert(d, st, "meeting");
}

static int64_t add_agenda(ld *d, const mplan *m, int pos, int64_t item, const char *title, int minutes,
                          const char *notes, const char *decision)
{
    sqlite3_stmt *st = stmt(d, LS_AGENDA);
    sqlite3_bind_int64(st, 1, m->id);
    sqlite3_bind_int(st, 2, pos);
    bind_i64(st, 3, item);
    bind_str(st, 4, item ? "" : title);
    sqlite3_bind_int(st, 5, minutes);
    bind_str(st, 6, notes ? notes : "");
    bind_str(st, 7, decision ? decision : "");
    return run_insert(d, st, "agenda item");
}

static void attend(ld *d, const mplan *m, xl_party who, const char *role)
{
    if (who.kind == XL_PARTY_NONE || d->nseen == MAX_ATTENDEES)
        return;
    int64_t key = who.kind == XL_PARTY_PERSON ? who.id : -who.id;
    for (size_t i = 0; i < d->nseen; i++)
        if (d->seen[i] == key)
            return;
    d->seen[d->nseen++] = key;
    sqlite3_stmt *st = stmt(d, LS_ATTEND);
    sqlite3_bind_int64(st, 1, m->id);
    bind_i64(st, 2, who.kind == XL_PARTY_PERSON ? who.id : 0);
    bind_i64(st, 3, who.kind == XL_PARTY_ORG ? who.id : 0);
    bind_str(st, 4, role);
    run_insert(d, st, "attendance");
}

static void attend_org(ld *d, const mplan *m, int o)
{
    attend(d, m, xl_party_org(d->org[o]), o == O_NPC || o == O_CPPCC ? "deputy" : "org");
}

/* Residents of a building on a day (role at the time), into d->res. */
static void load_residents(ld *d, int building, int day)
{
    char date[11];
    fmt_day(day, date);
    sqlite3_stmt *st = stmt(d, LS_RESIDENTS);
    sqlite3_bind_int(st, 1, building);
    bind_str(st, 2, date);
    d->nres = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && d->nres < MAX_RESIDENTS) {
        person_role *p = &d->res[d->nres++];
        p->person = sqlite3_column_int64(st, 0);
        xl_strlcpy_utf8(p->role, xl_col_text(st, 1), sizeof p->role);
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        fail_db(d, "residents");
}

/* k residents of d->res, chosen without repeats (partial Fisher-Yates). */
static void attend_residents(ld *d, const mplan *m, int k)
{
    for (int i = 0; i < k && (size_t)i < d->nres; i++) {
        size_t j = (size_t)i + xl_rng_below(&d->rng, (unsigned)(d->nres - (size_t)i));
        person_role t = d->res[i];
        d->res[i] = d->res[j];
        d->res[j] = t;
        attend(d, m, xl_party_person(d->res[i].person), d->res[i].role);
    }
}

static void close_meeting(ld *d, const mplan *m)
{
    char closed[20];
    fmt_time(m->day, m->minute + between(d, 60, 120), 0, closed);
    sqlite3_stmt *st = stmt(d, LS_CLOSE);
    sqlite3_bind_int64(st, 1, m->id);
    bind_str(st, 2, closed);
    run_insert(d, st, "close meeting");
    if (d->rc)
        return;
    xl_buf b;
    xl_buf_init(&b);
    if (xl_meeting_minutes_render(d->db, m->id, &b, d->err) != XL_OK)
        d->rc = XL_EFAIL;
    st = stmt(d, LS_MINUTES);
    sqlite3_bind_int64(st, 1, m->id);
    bind_str(st, 2, b.data ? b.data : "");
    run_insert(d, st, "minutes");
    xl_buf_release(&b);
}

/* ---------- chains of list items ---------- */

typedef struct chain_ctx {
    const mplan *m;
    int building;      /* 0: the whole community */
    int64_t resp;      /* the building's first responsible person, 0 none */
    xl_party raised_by;
    char day[11];
    char stamp[20];
} chain_ctx;

static int64_t add_item(ld *d, const chain_ctx *c, xl_item_kind kind, const char *tpl, const char *detail,
                        const char *cat, xl_party owner, int due_day)
{
    if (d->rc)
        return 0;
    char title[256], due[11] = "";
    snprintf(title, sizeof title, tpl, c->building);
    if (due_day)
        fmt_day(due_day, due);
    xl_item_form f;
    xl_item_form_init(&f, kind);
    f.title = title;
    f.detail = detail;
    f.category = cat;
    f.buildings = c->building ? &c->building : NULL;
    f.nbuildings = c->building ? 1 : 0;
    f.raised_by = kind == XL_ITEM_EMPOWERMENT ? owner : c->raised_by;
    f.raised_at = c->day;
    f.source_meeting = c->m->id;
    f.owner = owner;
    f.due = due;
    int64_t id = 0;
    if (xl_list_item_insert_tx(d->db, &f, c->stamp, &id, d->err) != XL_OK)
        d->rc = XL_EFAIL;
    return id;
}

static void link(ld *d, int64_t from, int64_t to, const char *stamp)
{
    if (!d->rc && from && to && xl_list_link_tx(d->db, from, to, stamp, d->err) != XL_OK)
        d->rc = XL_EFAIL;
}

static void set_status(ld *d, int64_t id, xl_item_status st, const char *note, int day)
{
    char stamp[20];
    fmt_time(day, 17 * 60, 0, stamp);
    if (!d->rc && xl_list_item_status_tx(d->db, id, st, note, stamp, d->err) != XL_OK)
        d->rc = XL_EFAIL;
}

/* An action's status as of 2026-11-01 from its due date; returns it and closes it if due. */
static xl_item_status action_fate(ld *d, int64_t id, int raised, int due)
{
    int r = (int)xl_rng_below(&d->rng, 1000);
    xl_item_status st;
    if (due < d->ref - 30)
        st = r < 800 ? XL_ITEM_DONE : r < 850 ? XL_ITEM_DROPPED : r < 950 ? XL_ITEM_IN_PROGRESS : XL_ITEM_OPEN;
    else if (due < d->ref)
        st = r < 400 ? XL_ITEM_DONE : r < 750 ? XL_ITEM_IN_PROGRESS : XL_ITEM_OPEN;
    else
        st = r < 150 ? XL_ITEM_DONE : r < 600 ? XL_ITEM_IN_PROGRESS : XL_ITEM_OPEN;
    int last = due < d->ref ? due : d->ref - 1;
    int when = raised + 1 < last ? between(d, raised + 1, last) : raised;
    if (st == XL_ITEM_DONE)
        set_status(d, id, st, pick_str(d, done_notes, COUNT(done_notes)), when);
    else if (st == XL_ITEM_DROPPED)
        set_status(d, id, st, pick_str(d, dropped_notes, COUNT(dropped_notes)), when);
    else if (st == XL_ITEM_IN_PROGRESS)
        set_status(d, id, st, NULL, raised + 1 < last ? raised + 1 : raised);
    return st;
}

typedef struct fates {
    int done, dropped, busy, open;
    int last_day;
} fates;

/* A parent's status follows its actions: all closed with one done → done; any started →
 * in progress; else open. */
static void roll_up(ld *d, int64_t id, const fates *f, int raised)
{
    if (!id)
        return;
    int n = f->done + f->dropped + f->busy + f->open;
    if (n && f->busy + f->open == 0 && f->done)
        set_status(d, id, XL_ITEM_DONE, "相关行动均已完成，回访确认已解决", f->last_day);
    else if (n && f->busy + f->open == 0)
        set_status(d, id, XL_ITEM_DROPPED, "相关行动已撤销", f->last_day);
    else if (f->busy + f->done)
        set_status(d, id, XL_ITEM_IN_PROGRESS, NULL, raised + 1);
}

static xl_party owner_of(ld *d, const chain_ctx *c, int owner)
{
    if (owner == RESP)
        return c->resp ? xl_party_person(c->resp) : xl_party_org(d->org[O_STREET]);
    return xl_party_org(d->org[owner]);
}

static void chain_actions(ld *d, const chain_ctx *c, const chain_tpl *t, int64_t from, int64_t agenda,
                          fates *f)
{
    int raised = c->m->day;
    for (int i = 0; i < 3 && t->act[i].title && !d->rc; i++) {
        int due = raised + between(d, 14, 150);
        int64_t a = add_item(d, c, XL_ITEM_ACTION, t->act[i].title, t->decision, t->cat,
                             owner_of(d, c, t->act[i].owner), due);
        link(d, from, a, c->stamp);
        sqlite3_stmt *st = stmt(d, LS_AACTION);
        sqlite3_bind_int64(st, 1, agenda);
        sqlite3_bind_int64(st, 2, a);
        run_insert(d, st, "agenda action");
        xl_item_status s = action_fate(d, a, raised, due);
        f->done += s == XL_ITEM_DONE;
        f->dropped += s == XL_ITEM_DROPPED;
        f->busy += s == XL_ITEM_IN_PROGRESS;
        f->open += s == XL_ITEM_OPEN;
        if (s == XL_ITEM_DONE || s == XL_ITEM_DROPPED)
            f->last_day = due < d->ref ? due : d->ref - 1;
    }
}

/* A problem raised at meeting m, on its agenda at pos, and the chain that answers it. Recent
 * problems (the last ten weeks) often have no answer yet. */
static void emit_chain(ld *d, const chain_ctx *c, const chain_tpl *t, int pos)
{
    int64_t p = add_item(d, c, XL_ITEM_PROBLEM, t->problem, t->detail, t->cat, xl_party_none(), 0);
    int64_t agenda = add_agenda(d, c->m, pos, p, NULL, between(d, 3, 4) * 5, t->note, t->decision);
    if (c->m->day >= d->ref - 70 && chance(d, 500))
        return;
    int64_t dm = t->demand ? add_item(d, c, XL_ITEM_DEMAND, t->demand, "", t->cat, xl_party_none(), 0) : 0;
    link(d, p, dm, c->stamp);
    int64_t e = 0;
    if (t->empower) {
        e = add_item(d, c, XL_ITEM_EMPOWERMENT, t->empower, "", t->cat, xl_party_org(d->org[t->empower_org]), 0);
        link(d, dm, e, c->stamp);
    }
    fates f = {0, 0, 0, 0, c->m->day};
    chain_actions(d, c, t, e ? e : dm ? dm : p, agenda, &f);
    roll_up(d, e, &f, c->m->day);
    roll_up(d, dm, &f, c->m->day);
    roll_up(d, p, &f, c->m->day);
}

static void chain_init(ld *d, const mplan *m, int building, int64_t resp, chain_ctx *c)
{
    memset(c, 0, sizeof *c);
    c->m = m;
    c->building = building;
    c->resp = resp;
    fmt_day(m->day, c->day);
    fmt_time(m->day, m->minute + 90, 0, c->stamp);
    c->raised_by = d->nres ? xl_party_person(d->res[xl_rng_below(&d->rng, (unsigned)d->nres)].person)
                 : resp   ? xl_party_person(resp)
                          : xl_party_none();
}

/* ---------- each kind of meeting ---------- */

static int add_topic(ld *d, const mplan *m, int pos, const topic *t)
{
    add_agenda(d, m, pos, 0, t->title, between(d, 2, 3) * 5, t->notes, t->decision);
    return pos + 1;
}

static int add_reviews(ld *d, const mplan *m, int pos, int which, int64_t key, size_t max)
{
    char day[11];
    fmt_day(m->day, day);
    int64_t ids[4];
    size_t n = query_ids(d, which, key, day, ids, max < 4 ? max : 4);
    for (size_t i = 0; i < n; i++)
        add_agenda(d, m, pos++, ids[i], NULL, 10, "回顾上次商定事项的进展。", "继续跟进，下次会议通报。");
    return pos;
}

static const topic *roundtable_topic(ld *d, const mplan *m)
{
    int mo = month_of(m->day);
    if (mo == 9 && chance(d, 800))
        return &midautumn_topic;
    if (mo <= 2 && chance(d, 700))
        return &spring_topic;
    return &roundtable_topics[xl_rng_below(&d->rng, COUNT(roundtable_topics))];
}

static void emit_roundtable(ld *d, const mplan *m)
{
    const bld *b = &d->b[m->bi];
    load_residents(d, b->number, m->day);
    int past = m->day < d->ref, pos = 1;
    if (past) {
        attend(d, m, b->resp ? xl_party_person(b->resp) : xl_party_none(), b->resp_role);
        attend_residents(d, m, between(d, 3, 10));
        if (chance(d, 150))
            attend_org(d, m, chance(d, 500) ? O_POLICE : O_STREET);
    }
    if (past && chance(d, CHAIN_PERMILLE)) {
        chain_ctx c;
        chain_init(d, m, b->number, b->resp, &c);
        emit_chain(d, &c, pick_chain(d, building_chains, COUNT(building_chains)), pos++);
    }
    if (!past) {
        char none[1] = "";
        int64_t ids[3];
        size_t n = query_ids(d, LS_OPEN_BLD, b->number, none, ids, 3);
        for (size_t i = 0; i < n; i++)
            add_agenda(d, m, pos++, ids[i], NULL, 10, "", "");
    } else if (chance(d, 400)) {
        pos = add_reviews(d, m, pos, LS_REVIEW_BLD, b->number, 1);
    }
    pos = add_topic(d, m, pos, roundtable_topic(d, m));
    if (pos < 3 || chance(d, 300))
        add_topic(d, m, pos, &roundtable_topics[xl_rng_below(&d->rng, COUNT(roundtable_topics))]);
}

/* Community chains go to discussion and joint meetings, each once, spread over the years. */
static void maybe_community_chain(ld *d, const mplan *m, int *pos)
{
    size_t left = COUNT(community_chains) - d->next_community;
    if (d->community_left_meetings)
        d->community_left_meetings--;
    if (!left || m->day >= d->ref || (left <= d->community_left_meetings && !chance(d, 350)))
        return;
    chain_ctx c;
    chain_init(d, m, 0, 0, &c);
    c.raised_by = meeting_host(d, m);
    emit_chain(d, &c, &community_chains[d->next_community++], (*pos)++);
}

static void attend_representatives(ld *d, const mplan *m, int extra)
{
    for (int i = 0; i < 3; i++)
        attend(d, m, resp_party(d, d->reps[i]), resp_role(d, d->reps[i]));
    for (int i = 0; i < extra && d->nb; i++) {
        const bld *b = &d->b[xl_rng_below(&d->rng, (unsigned)d->nb)];
        attend(d, m, b->resp ? xl_party_person(b->resp) : xl_party_none(), b->resp_role);
    }
}

static void emit_discussion(ld *d, const mplan *m)
{
    int pos = 1;
    d->nres = 0;
    if (m->day < d->ref) {
        attend_representatives(d, m, between(d, 3, 9));
        attend_org(d, m, O_VOLUNTEER);
        if (chance(d, 300))
            attend_org(d, m, chance(d, 500) ? O_NPC : O_CPPCC);
    }
    maybe_community_chain(d, m, &pos);
    pos = add_topic(d, m, pos, &discussion_topics[xl_rng_below(&d->rng, COUNT(discussion_topics))]);
    if (chance(d, 400))
        add_topic(d, m, pos, &discussion_topics[xl_rng_below(&d->rng, COUNT(discussion_topics))]);
}

static void emit_pioneer(ld *d, const mplan *m)
{
    int pos = 1;
    if (m->day < d->ref) {
        attend(d, m, resp_party(d, d->group_host[m->group]), resp_role(d, d->group_host[m->group]));
        for (int i = 0, k = between(d, 4, 8); i < k && d->nb; i++) {
            const bld *b = &d->b[xl_rng_below(&d->rng, (unsigned)d->nb)];
            if (b->group == m->group && b->resp)
                attend(d, m, xl_party_person(b->resp), b->resp_role);
        }
        attend_org(d, m, O_STREET);
    }
    pos = add_reviews(d, m, pos, LS_REVIEW_GROUP, m->group, 2);
    add_topic(d, m, pos, &pioneer_topics[xl_rng_below(&d->rng, COUNT(pioneer_topics))]);
}

static void emit_joint(ld *d, const mplan *m)
{
    static const int orgs[] = {O_STREET, O_POLICE, O_HOUSING, O_FIRE, O_URBAN, O_NPC, O_CPPCC};
    int pos = 1;
    d->nres = 0;
    for (size_t i = 0; i < COUNT(orgs); i++)
        if (i < 5 || chance(d, 700))
            attend_org(d, m, orgs[i]);
    attend_representatives(d, m, between(d, 1, 3));
    maybe_community_chain(d, m, &pos);
    pos = add_reviews(d, m, pos, LS_REVIEW_SAFETY, 0, 3);
    add_topic(d, m, pos, &joint_topic);
}

static void emit_meeting(ld *d, mplan *m)
{
    emit_meeting_row(d, m);
    d->nseen = 0;
    if (d->rc)
        return;
    if (m->kind == XL_MEETING_ROUNDTABLE)
        emit_roundtable(d, m);
    else if (m->kind == XL_MEETING_DISCUSSION)
        emit_discussion(d, m);
    else if (m->kind == XL_MEETING_PIONEER)
        emit_pioneer(d, m);
    else
        emit_joint(d, m);
    if (!d->rc && m->day < d->ref)
        close_meeting(d, m);
}

/* ---------- the whole build ---------- */

static int check_empty(ld *d)
{
    sqlite3_stmt *st = xl_db_prepare(d->db,
        "SELECT (SELECT count(*) FROM list_item) + (SELECT count(*) FROM meeting)", d->err);
    if (!st)
        return d->rc = XL_EFAIL;
    int rc = sqlite3_step(st);
    int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (n < 0)
        return fail_db(d, "lists demo");
    if (n > 0)
        return d->rc = xl_err_set(d->err, XL_EFAIL, "%s: the database already holds list items or "
                                  "meetings; the demo lists need none", xl_db_path(d->db));
    return XL_OK;
}

static void ld_setup(ld *d)
{
    for (int o = 0; o < O_COUNT && !d->rc; o++)
        d->org[o] = ensure_org(d, o);
    if (!d->rc)
        load_buildings(d);
    if (!d->rc)
        prepare_all(d);
    if (d->rc)
        return;
    choose_hosts(d);
    plan_roundtables(d);
    plan_others(d);
    qsort(d->m, d->nm, sizeof *d->m, plan_order);
    for (size_t i = 0; i < d->nm; i++)
        d->community_left_meetings += (d->m[i].kind == XL_MEETING_DISCUSSION || d->m[i].kind == XL_MEETING_JOINT)
                                      && d->m[i].day < d->ref;
}

int xl_lists_demo_build(xl_db *db, unsigned long long seed, xl_err *err)
{
    ld d;
    memset(&d, 0, sizeof d);
    d.db = db;
    d.err = err;
    d.ref = xl_date_to_days(REF_Y, REF_M, REF_D);
    xl_rng_seed(&d.rng, seed ^ 0x4C495354534C4953ULL); /* a stream of its own: "LISTSLIS" */
    const char *lang = xl_i18n_lang();
    xl_i18n_set_lang("zh"); /* the community's minutes are in Chinese whatever the locale */
    if (check_empty(&d) == XL_OK)
        ld_setup(&d);
    for (size_t i = 0; i < d.nm && !d.rc; i++)
        emit_meeting(&d, &d.m[i]);
    for (int i = 0; i < LS_COUNT; i++)
        sqlite3_finalize(d.st[i]);
    free(d.b);
    free(d.m);
    xl_i18n_set_lang(lang);
    return d.rc;
}
